'use server';

import { OIDC_PROVIDER_ID, signIn } from './config';

/** « Se connecter avec … »: hands over to the identity provider (a redirect). */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const target = formData.get('redirectTo');
  const redirectTo = typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') ? target : '/';
  await signIn(OIDC_PROVIDER_ID, { redirectTo });
}
