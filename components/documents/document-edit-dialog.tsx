'use client';

import { useRouter } from 'next/navigation';
import { useId } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextField } from '@/components/ui/field';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';
import { updateDocumentAction } from '@/lib/documents/actions';
import { DOCUMENT_CATEGORY_LABELS, DOCUMENT_CATEGORY_OPTIONS } from '@/lib/documents/labels';
import type { DocumentListItem } from '@/lib/documents/queries';

const CATEGORY_CHOICES = DOCUMENT_CATEGORY_OPTIONS.map((c) => ({ value: c, label: DOCUMENT_CATEGORY_LABELS[c] }));

/**
 * « Modifier » a document: its name, category and « Visible à partir de ». `roles` are the minimum
 * roles the viewer may choose (up to their own: above it they would lose sight of the document).
 */
export function DocumentEditDialog({
  customerId,
  document: d,
  roles,
}: {
  customerId: string;
  document: DocumentListItem;
  roles: readonly Role[];
}) {
  const router = useRouter();
  const id = useId();
  const form = useDialogForm(updateDocumentAction.bind(null, customerId, d.id), { onSuccess: () => router.refresh() });
  return (
    <ConfirmDialog
      triggerLabel="Modifier"
      triggerVariant="secondary"
      triggerSize="sm"
      triggerAriaLabel={`Modifier ${d.originalName}`}
      tone="primary"
      title="Modifier le document"
      confirmLabel="Enregistrer"
      pendingLabel="Enregistrement…"
      onConfirm={form.confirm}
    >
      <form id={form.id} onSubmit={form.onSubmit} className="space-y-3" data-testid="document-edit-form">
        <TextField
          id={`${id}-name`}
          label="Nom"
          name="originalName"
          defaultValue={d.originalName}
          maxLength={150}
          required
          error={form.errors.originalName}
          hint="L’extension du fichier est conservée."
        />
        <SelectField
          id={`${id}-category`}
          label="Catégorie"
          name="category"
          defaultValue={d.category}
          options={CATEGORY_CHOICES}
          error={form.errors.category}
        />
        <SelectField
          id={`${id}-role`}
          label="Visible à partir de"
          name="minRole"
          defaultValue={d.minRole}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          error={form.errors.minRole}
          hint="Les rôles en dessous ne verront plus ce document."
        />
      </form>
    </ConfirmDialog>
  );
}
