'use client';

import { useEffect, useRef, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import type { LinkActionData } from '@/lib/users/actions';
import { inviteUserAction } from '@/lib/users/actions';
import { LinkNotice } from './link-notice';
import { UserRowActions, type UserRowData } from './user-row';

export interface Option {
  value: string;
  label: string;
}

// The schema (zod) is fetched on the form's first focus, not with the page.
const validate = lazyValidator(() =>
  import('@/lib/users/schema').then((m) => zodValidator(m.userInviteSchema, { pick: ['name', 'email', 'role'] })),
);
const STATUS_TONE: Record<string, BadgeTone> = { invited: 'info', active: 'success', deactivated: 'neutral' };

export function UsersManager({
  users,
  roles,
  statuses,
  currentUserId,
  filtered,
}: {
  users: UserRowData[];
  roles: Option[];
  statuses: Option[];
  currentUserId: string;
  filtered: boolean;
}) {
  const { state, formAction, onSubmit, pending, errors } = useFormAction(inviteUserAction, { validate });
  const [rowLink, setRowLink] = useState<LinkActionData | null>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // A new invitation's link (no SMTP) is shown once, like a link handed back by a row action.
  const inviteLink = state.ok && state.data?.url && dismissed !== state ? state.data : null;
  const link = rowLink ?? inviteLink;
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);
  const label = (list: Option[], v: string) => list.find((o) => o.value === v)?.label ?? v;

  return (
    <div className="space-y-6">
      {link?.url && (
        <LinkNotice
          email={link.email}
          url={link.url}
          expiresAt={link.expiresAt}
          onDismiss={() => {
            setRowLink(null);
            setDismissed(state);
          }}
        />
      )}

      <Card title="Inviter une personne">
        <form
          ref={formRef}
          action={formAction}
          onSubmit={onSubmit}
          onFocus={validate.preload}
          noValidate
          className="space-y-4"
          aria-label="Inviter une personne"
        >
          <FormMessage state={state} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label="Nom" name="name" required autoComplete="off" error={errors.name} />
            <TextField
              label="Adresse e-mail"
              name="email"
              type="email"
              inputMode="email"
              autoComplete="off"
              required
              error={errors.email}
            />
            <SelectField
              label="Rôle"
              name="role"
              required
              defaultValue="technician"
              options={roles}
              error={errors.role}
            />
          </div>
          <p className="text-sm text-slate-600">
            La personne reçoit un lien valable 72 heures pour choisir son mot de passe.
          </p>
          <div className="flex justify-end">
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? 'Envoi…' : 'Envoyer l’invitation'}
            </Button>
          </div>
        </form>
      </Card>

      <Card title={`Comptes (${users.length})`} flush>
        {users.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title={filtered ? 'Aucun compte ne correspond' : 'Aucun compte'}
              description="Modifiez la recherche ou invitez quelqu’un."
            />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {users.map((u) => (
              <li
                key={u.id}
                className="flex flex-col gap-3 p-4 lg:flex-row lg:items-start lg:justify-between"
                data-testid="user-row"
              >
                <div className="min-w-0 space-y-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{u.name}</span>
                    <Badge tone={STATUS_TONE[u.status]}>{label(statuses, u.status)}</Badge>
                    <Badge>{label(roles, u.role)}</Badge>
                    {u.sso && <Badge tone="info">SSO</Badge>}
                    {u.id === currentUserId && <Badge>Vous</Badge>}
                  </p>
                  <p className="text-sm break-all text-slate-700">{u.email}</p>
                  <p className="text-sm text-slate-600">
                    Dernière connexion : {u.lastLoginLabel} · créé {u.createdLabel}
                    {u.createdByName ? ` par ${u.createdByName}` : ''}
                    {u.invitationLabel ? ` · invitation valable jusqu’au ${u.invitationLabel}` : ''}
                  </p>
                </div>
                <UserRowActions user={u} roles={roles} self={u.id === currentUserId} onLink={setRowLink} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
