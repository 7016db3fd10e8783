import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterBar } from '@/components/admin/filter-bar';
import { UsersManager } from '@/components/admin/users-manager';
import { SelectField, TextField } from '@/components/ui/field';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { loadUsers } from '@/lib/users/page';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import { requirePageActor } from '@/lib/auth/session';
import { USER_STATUS_LABELS, USER_STATUSES } from '@/lib/users/schema';

export const metadata: Metadata = { title: 'Utilisateurs' };

const roles = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const statuses = USER_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }));

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor('admin');
  const { query, users } = await loadUsers(await searchParams);
  const rows = users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    status: u.status,
    sso: u.sso,
    lastLoginLabel: u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'jamais',
    createdLabel: `le ${formatDate(u.createdAt)}`,
    createdByName: u.createdByName,
    invitationLabel: u.invitationExpiresAt ? formatDateTime(u.invitationExpiresAt) : null,
  }));
  const filtered = Boolean(query.q || query.role || query.status);
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold text-slate-900">Utilisateurs</h1>
        <p className="text-sm text-slate-600">
          Invitez les collaborateurs, changez leur rôle, désactivez ceux qui partent. Historique dans le{' '}
          <Link href="/admin/journal">journal</Link>.
        </p>
      </div>
      <FilterBar label="Filtrer les comptes">
        <TextField
          id="filter-q"
          label="Recherche"
          name="q"
          type="search"
          defaultValue={query.q ?? ''}
          placeholder="Nom ou e-mail"
        />
        <SelectField
          id="filter-role"
          label="Rôle"
          name="role"
          defaultValue={query.role ?? ''}
          placeholder="Tous"
          options={roles}
        />
        <SelectField
          label="Statut"
          name="status"
          defaultValue={query.status ?? ''}
          placeholder="Tous"
          options={statuses}
        />
      </FilterBar>
      <UsersManager users={rows} roles={roles} statuses={statuses} currentUserId={actor.id ?? ''} filtered={filtered} />
    </>
  );
}
