import type { Metadata } from 'next';
import { TokensManager } from '@/components/admin/tokens-manager';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { loadApiTokens } from '@/lib/auth/tokens';

export const metadata: Metadata = { title: 'Jetons d’API' };

/** Expiry is decided on the server clock (the browser's may be wrong). */
function withExpiry<T extends { expiresAt: Date | null }>(rows: T[]): (T & { expired: boolean })[] {
  const now = Date.now();
  return rows.map((r) => ({ ...r, expired: Boolean(r.expiresAt && r.expiresAt.getTime() <= now) }));
}

export default async function TokensPage() {
  await requirePageActor('admin');
  const tokens = withExpiry(await loadApiTokens());
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Jetons d’API</h1>
        <p className="text-sm text-slate-600">
          Les applications externes appellent l’API avec{' '}
          <code className="rounded bg-slate-100 px-1">Authorization: Bearer &lt;jeton&gt;</code>. Un jeton a un rôle,
          comme un utilisateur. En ligne de commande :{' '}
          <code className="rounded bg-slate-100 px-1">npm run token -- --name &lt;nom&gt; --role &lt;rôle&gt;</code>.
        </p>
      </div>
      <TokensManager tokens={tokens} roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
    </>
  );
}
