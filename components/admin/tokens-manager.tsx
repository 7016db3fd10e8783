'use client';

import { useRef, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { type CreatedTokenData, createTokenAction, revokeTokenAction } from '@/lib/auth/token-actions';
import { ShownOnceSecret } from './shown-once-secret';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  createdByName: string | null;
  expired: boolean;
}

// The schema (zod) is fetched on the form's first focus, not with the page.
const validate = lazyValidator(() =>
  import('@/lib/auth/token-schema').then((m) =>
    zodValidator(m.tokenCreateSchema, { pick: ['name', 'role', 'expiresInDays'] }),
  ),
);
const EXPIRY_OPTIONS = [
  { value: '30', label: '30 jours' },
  { value: '90', label: '90 jours' },
  { value: '365', label: '1 an' },
];

function tokenStatus(t: TokenRow): { label: string; tone: 'success' | 'neutral' | 'danger' | 'warning' } {
  if (t.revokedAt) return { label: `Révoqué le ${formatDate(t.revokedAt)}`, tone: 'danger' };
  if (t.expired) return { label: 'Expiré', tone: 'warning' };
  return { label: 'Actif', tone: 'success' };
}

/** The new token, shown once, with a copy button. */
function NewToken({ created, onDismiss }: { created: CreatedTokenData; onDismiss: () => void }) {
  return (
    <ShownOnceSecret
      id="new-token"
      title={<>Jeton « {created.name} » créé</>}
      label="Jeton d’API"
      value={created.token}
      copyLabel="Copier le jeton"
      copiedMessage="Jeton copié dans le presse-papiers."
      dismissLabel="J’ai copié le jeton"
      onDismiss={onDismiss}
    >
      <strong>Copiez ce jeton maintenant : il ne sera plus jamais affiché.</strong> Conservez-le dans un coffre-fort de
      secrets ; en cas de perte, révoquez-le et créez-en un autre.
    </ShownOnceSecret>
  );
}

export function TokensManager({ tokens, roles }: { tokens: TokenRow[]; roles: { value: string; label: string }[] }) {
  const { state, formAction, onSubmit, pending, errors } = useFormAction(createTokenAction, { validate });
  const [dismissed, setDismissed] = useState<string | null>(null);
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const created = state.ok && state.data && state.data.id !== dismissed ? state.data : null;
  const roleLabel = (r: string) => roles.find((x) => x.value === r)?.label ?? r;

  return (
    <div className="space-y-6">
      {created && (
        <NewToken
          created={created}
          onDismiss={() => {
            setDismissed(created.id);
            formRef.current?.reset();
          }}
        />
      )}

      <Card title="Créer un jeton">
        <form
          ref={formRef}
          action={formAction}
          onSubmit={onSubmit}
          onFocus={validate.preload}
          noValidate
          className="space-y-4"
          aria-label="Créer un jeton d’API"
        >
          <FormMessage state={state.ok ? null : state} />
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label="Nom"
              name="name"
              required
              hint="Ex. « ERP comptabilité »"
              error={errors.name}
              autoComplete="off"
            />
            <SelectField label="Rôle" name="role" required defaultValue="viewer" options={roles} error={errors.role} />
            <SelectField
              label="Expiration"
              name="expiresInDays"
              defaultValue=""
              placeholder="Jamais"
              options={EXPIRY_OPTIONS}
              error={errors.expiresInDays}
            />
          </div>
          <div className="flex justify-end">
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? 'Création…' : 'Créer le jeton'}
            </Button>
          </div>
        </form>
      </Card>

      <Card title={`Jetons existants (${tokens.length})`} flush>
        {tokens.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title="Aucun jeton"
              description="Les intégrations externes s’authentifient avec un jeton « Authorization: Bearer … »."
            />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {tokens.map((t) => {
              const st = tokenStatus(t);
              return (
                <li key={t.id} className="flex flex-col gap-2 p-4 md:flex-row md:items-center md:justify-between">
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{t.name}</span>
                      <Badge tone={st.tone}>{st.label}</Badge>
                      <Badge>{roleLabel(t.role)}</Badge>
                    </p>
                    <p className="text-sm text-slate-600">
                      <span className="font-mono">{t.prefix}…</span> · créé le {formatDateTime(t.createdAt)}
                      {t.createdByName && <> par {t.createdByName}</>}
                    </p>
                    <p className="text-sm text-slate-600">
                      Dernière utilisation : {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'jamais'} · Expiration :{' '}
                      {t.expiresAt ? formatDate(t.expiresAt) : 'aucune'}
                    </p>
                  </div>
                  {!t.revokedAt && (
                    <ConfirmDialog
                      triggerLabel="Révoquer"
                      triggerSize="sm"
                      triggerAriaLabel={`Révoquer le jeton ${t.name}`}
                      title={`Révoquer le jeton « ${t.name} » ?`}
                      confirmLabel="Révoquer"
                      onConfirm={async () => {
                        const result = await revokeTokenAction(t.id, { ok: false, message: '' }, new FormData());
                        toast.show(result.message, result.ok ? 'success' : 'error');
                        return result.ok;
                      }}
                    >
                      <p>
                        Les appels qui utilisent ce jeton seront refusés immédiatement (401). Cette action est
                        définitive.
                      </p>
                    </ConfirmDialog>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
