import type { Metadata } from 'next';
import { AccountForms } from '@/components/account/account-forms';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { loadAccount } from '@/lib/users/page';

export const metadata: Metadata = { title: 'Mon compte' };

export default async function AccountPage() {
  const actor = await requirePageActor();
  const account = await loadAccount(actor.id!);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Mon compte</h1>
        <p className="text-sm text-slate-600">Rôle : {ROLE_LABELS[actor.role]}</p>
      </div>
      <AccountForms name={account.name} email={account.email} hasPassword={account.hasPassword} />
    </div>
  );
}
