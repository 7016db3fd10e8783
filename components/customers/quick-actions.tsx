'use client';

import Link from 'next/link';
import { useTransition } from 'react';
import { Button, buttonClasses } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { ActionState } from '@/lib/actions';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { archiveCustomerAction, deleteCustomerAction, toggleStatusAction } from '@/lib/customers/actions';
import { CopyCustomerButton } from './copy-button';

export interface QuickActionsProps {
  customerId: string;
  displayName: string;
  status: 'active' | 'inactive';
  archived: boolean;
  hasEmail: boolean;
  abilities: Pick<CustomerAbilities, 'update' | 'status' | 'delete' | 'emailSend' | 'duplicate' | 'export'>;
}

const EMPTY: ActionState = { ok: false, message: '' };
const EXPORT_FORMATS = [
  { format: 'json', label: 'JSON (portabilité RGPD)' },
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel (XLSX)' },
  { format: 'pdf', label: 'PDF' },
] as const;

/** A header button that runs an action in a transition: disabled and busy ("Mise à jour…") meanwhile. */
function TransitionButton({ label, run }: { label: string; run: () => Promise<void> }) {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => start(run)}
      disabled={pending}
      aria-busy={pending || undefined}
    >
      {pending ? 'Mise à jour…' : label}
    </Button>
  );
}

/** Header actions: only those the viewer may perform are rendered (none on an erased customer; the server checks again). */
export function QuickActions({ customerId, displayName, status, archived, hasEmail, abilities }: QuickActionsProps) {
  const toast = useToast();

  function report(result: ActionState) {
    if (result.message) toast.show(result.message, result.ok ? 'success' : 'error');
  }

  async function toggleStatus() {
    report(await toggleStatusAction(customerId, EMPTY, new FormData()));
  }

  async function toggleArchive() {
    const fd = new FormData();
    fd.set('archived', archived ? '0' : '1');
    report(await archiveCustomerAction(customerId, EMPTY, fd));
  }

  const show = {
    edit: abilities.update,
    email: abilities.emailSend && hasEmail,
    status: abilities.status,
    archive: abilities.update,
    duplicate: abilities.duplicate,
    export: abilities.export,
    delete: abilities.delete,
  };
  // A role with no action here (technician, viewer) gets no empty group in the accessibility tree.
  if (!Object.values(show).some(Boolean)) return null;

  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label="Actions sur le client">
      {show.edit && (
        <Link href={`/customers/${customerId}/edit`} className={buttonClasses('primary', 'sm')}>
          Modifier
        </Link>
      )}
      {show.email && (
        <Link href={`/customers/${customerId}/consents#email`} className={buttonClasses('secondary', 'sm')}>
          Envoyer un e-mail
        </Link>
      )}
      {show.status && <TransitionButton label={status === 'active' ? 'Désactiver' : 'Activer'} run={toggleStatus} />}
      {show.archive && <TransitionButton label={archived ? 'Désarchiver' : 'Archiver'} run={toggleArchive} />}
      {show.duplicate && <CopyCustomerButton customerId={customerId} displayName={displayName} />}
      {show.export && (
        <details className="relative">
          <summary
            className={buttonClasses('secondary', 'sm', 'list-none cursor-pointer [&::-webkit-details-marker]:hidden')}
          >
            Exporter <span aria-hidden="true">▾</span>
          </summary>
          <ul
            className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
            aria-label="Formats d’export"
          >
            {EXPORT_FORMATS.map((f) => (
              <li key={f.format}>
                {/* Plain <a download>: a file download, not a client-side navigation. */}
                <a
                  href={`/api/customers/${customerId}/export?format=${f.format}`}
                  download
                  className="flex min-h-11 items-center px-3 text-sm text-slate-800 no-underline hover:bg-slate-100 hover:no-underline"
                >
                  {f.label}
                </a>
              </li>
            ))}
          </ul>
        </details>
      )}
      {show.delete && (
        <ConfirmDialog
          triggerLabel="Supprimer"
          triggerSize="sm"
          title={`Effacer les données de ${displayName} ?`}
          confirmLabel="Effacer définitivement"
          pendingLabel="Effacement…"
          onConfirm={async () => {
            // On success the action redirects to the list; a failure comes back as a message.
            const result = await deleteCustomerAction(customerId, EMPTY, new FormData());
            if (result && !result.ok) {
              report(result);
              return false;
            }
            return true;
          }}
        >
          <p>
            <strong>Seront effacés :</strong> identité, coordonnées, adresse, contacts, véhicules, notes, tags,
            documents et historique d’activité ; les consentements ne gardent que la trace minimale des retraits.
          </p>
          <p>
            <strong>Seront conservés :</strong> les factures et les paiements, anonymisés, pendant 10 ans comme l’exige
            la loi comptable française ; le numéro client reste réservé.
          </p>
          <p>Cette action est irréversible.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
