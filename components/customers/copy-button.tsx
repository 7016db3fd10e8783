'use client';

import { useState } from 'react';
import { ConfirmModal } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { copyCustomerAction } from '@/lib/customers/copy-actions';

/**
 * « Dupliquer » (opened from the header's « ⋯ » menu): explains what is copied, optionally keeps the
 * phones, then opens the copy's edit form.
 */
export function CopyCustomerDialog({
  customerId,
  displayName,
  open,
  onClose,
}: {
  customerId: string;
  displayName: string;
  open: boolean;
  onClose: () => void;
}) {
  const [keepPhones, setKeepPhones] = useState(false);
  const toast = useToast();
  return (
    <ConfirmModal
      open={open}
      onClose={onClose}
      tone="primary"
      title={`Dupliquer ${displayName} ?`}
      confirmLabel="Créer la copie"
      pendingLabel="Duplication…"
      onConfirm={async () => {
        const fd = new FormData();
        if (keepPhones) fd.set('keepPhones', 'on');
        // Success redirects to the copy's edit form; a failure comes back as a message.
        const result = await copyCustomerAction(customerId, { ok: false, message: '' }, fd);
        if (result && !result.ok) {
          toast.error(result.message);
          return false;
        }
        return true;
      }}
    >
      <p>
        <strong>Copiés :</strong> identité, adresse, contacts et tags. <strong>Vidés :</strong> SIRET et e-mail
        (uniques). <strong>Non copiés :</strong> véhicules, historique, documents, consentements et finances.
      </p>
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          checked={keepPhones}
          onChange={(e) => setKeepPhones(e.target.checked)}
          className="size-5 accent-blue-700"
        />
        Garder les numéros de téléphone
      </label>
    </ConfirmModal>
  );
}
