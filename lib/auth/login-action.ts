'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import type { ActionState } from '@/lib/actions';
import { signIn, signOut } from './config';
import { loginSchema } from './login';

const INVALID = 'E-mail ou mot de passe incorrect.';
const RATE_LIMITED = 'Trop de tentatives. Réessayez dans quelques minutes.';

/**
 * Only same-site paths: an attacker-supplied `redirectTo=https://evil…` or `//evil…` falls back to `/`,
 * which sends each role to its first screen (app/page.tsx: technicians to Ma journée).
 */
function safeRedirect(value: FormDataEntryValue | null): string {
  const v = typeof value === 'string' ? value : '';
  if (
    !v.startsWith('/') ||
    v.startsWith('//') ||
    v.startsWith('/\\') ||
    v.startsWith('/login') ||
    v.startsWith('/api/')
  )
    return '/';
  return v;
}

export async function loginAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = loginSchema.safeParse({
    email: formData.get('email') ?? '',
    password: formData.get('password') ?? '',
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
    return { ok: false, message: 'Vérifiez les champs indiqués.', fieldErrors };
  }
  try {
    // On success signIn throws Next's redirect signal, rethrown below.
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeRedirect(formData.get('redirectTo')),
    });
    return { ok: true, message: '' };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof CredentialsSignin) {
      return { ok: false, message: error.code === 'rate_limited' ? RATE_LIMITED : INVALID };
    }
    if (error instanceof AuthError) return { ok: false, message: INVALID };
    console.error('[login] unexpected error', error);
    return { ok: false, message: 'La connexion a échoué. Réessayez dans un instant.' };
  }
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
