'use client';

import Link from 'next/link';
import { useRef, useState, useTransition } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { ConfirmModal } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import type { ActionState } from '@/lib/actions';
import { archiveCustomerAction, deleteCustomerAction, toggleStatusAction } from '@/lib/customers/actions';
import { ActionsMenu, type MenuEntry } from './actions-menu';
import { CopyCustomerDialog } from './copy-button';
import { EXPORT_FORMATS, type HeaderAbilities, type HeaderActionId, headerActions } from './header-actions';

export interface QuickActionsProps {
  customerId: string;
  displayName: string;
  status: 'active' | 'inactive';
  archived: boolean;
  hasEmail: boolean;
  /** From the page (customerAbilities, decided once per request): never recomputed here. */
  abilities: HeaderAbilities;
}

const EMPTY: ActionState = { ok: false, message: '' };
type Dialog = Extract<HeaderActionId, 'status' | 'archive' | 'duplicate' | 'erase'>;

/**
 * Header actions: Modifier (primary), Envoyer un e-mail (visible), the rest in the « ⋯ » menu;
 * only those the viewer may perform are rendered (none on an erased customer; the server checks again).
 */
export function QuickActions({ customerId, displayName, status, archived, hasEmail, abilities }: QuickActionsProps) {
  const toast = useToast();
  const menuButton = useRef<HTMLButtonElement>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [pending, start] = useTransition();
  const actions = headerActions(abilities, { status, archived, hasEmail });
  // A role with no action here (technician, viewer) gets no empty group in the accessibility tree.
  if (!actions.length) return null;

  function report(result: ActionState) {
    if (result.message) toast.show(result.message, result.ok ? 'success' : 'error');
  }
  const toggleStatus = async () => report(await toggleStatusAction(customerId, EMPTY, new FormData()));
  async function toggleArchive() {
    const fd = new FormData();
    fd.set('archived', archived ? '0' : '1');
    report(await archiveCustomerAction(customerId, EMPTY, fd));
  }
  function closeDialog() {
    setDialog(null);
    menuButton.current?.focus();
  }

  const entries: MenuEntry[] = [];
  for (const a of actions.filter((x) => x.placement === 'menu')) {
    if (a.id === 'export') {
      EXPORT_FORMATS.forEach((f, i) =>
        entries.push({
          key: `export-${f.format}`,
          label: f.label,
          href: `/api/customers/${customerId}/export?format=${f.format}`,
          groupLabel: i === 0 ? 'Exporter' : undefined,
        }),
      );
      continue;
    }
    const run = a.id === 'status' ? toggleStatus : a.id === 'archive' ? toggleArchive : null;
    entries.push({
      key: a.id,
      label: a.confirm ? `${a.label}…` : a.label,
      danger: a.danger,
      groupLabel: a.id === 'erase' ? 'Données personnelles' : undefined,
      onSelect: () => (a.confirm || !run ? setDialog(a.id as Dialog) : start(run)),
    });
  }
  const edit = actions.find((a) => a.id === 'edit');
  const email = actions.find((a) => a.id === 'email');

  return (
    <div
      className="flex flex-wrap gap-2"
      role="group"
      aria-label="Actions sur le client"
      aria-busy={pending || undefined}
    >
      {edit && (
        <Link href={`/customers/${customerId}/edit`} className={buttonClasses('primary', 'sm')}>
          {edit.label}
        </Link>
      )}
      {email && (
        <Link href={`/customers/${customerId}/consents#email`} className={buttonClasses('secondary', 'sm')}>
          {email.label}
        </Link>
      )}
      {entries.length > 0 && <ActionsMenu label="Autres actions" entries={entries} buttonRef={menuButton} />}

      <ConfirmModal
        open={dialog === 'status'}
        onClose={closeDialog}
        tone="primary"
        title={`Désactiver ${displayName} ?`}
        confirmLabel="Désactiver"
        pendingLabel="Mise à jour…"
        onConfirm={toggleStatus}
      >
        <p>La fiche reste consultable et peut être réactivée à tout moment depuis ce menu.</p>
      </ConfirmModal>
      <ConfirmModal
        open={dialog === 'archive'}
        onClose={closeDialog}
        tone="primary"
        title={`Archiver ${displayName} ?`}
        confirmLabel="Archiver"
        pendingLabel="Mise à jour…"
        onConfirm={toggleArchive}
      >
        <p>La fiche sort de la liste des clients (filtre « Archivés ») ; vous pourrez la désarchiver.</p>
      </ConfirmModal>
      {abilities.duplicate && (
        <CopyCustomerDialog
          customerId={customerId}
          displayName={displayName}
          open={dialog === 'duplicate'}
          onClose={closeDialog}
        />
      )}
      {abilities.delete && (
        <ConfirmModal
          open={dialog === 'erase'}
          onClose={closeDialog}
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
            <strong>Seront effacés :</strong> identité, coordonnées, adresse, contacts, véhicules, notes, tags,
            documents et historique d’activité ; les consentements ne gardent que la trace minimale des retraits.
          </p>
          <p>
            <strong>Seront conservés :</strong> les factures et les paiements, anonymisés, pendant 10 ans comme l’exige
            la loi comptable française ; le numéro client reste réservé.
          </p>
          <p>Cette action est irréversible.</p>
        </ConfirmModal>
      )}
    </div>
  );
}
