'use client';

import { formatDateTime } from '@/components/ui/format';
import { ShownOnceSecret } from './shown-once-secret';

/** A one-time link no e-mail could carry: shown once to the admin, who passes it on by hand. */
export function LinkNotice({
  email,
  url,
  expiresAt,
  onDismiss,
}: {
  email: string;
  url: string;
  expiresAt: string;
  onDismiss: () => void;
}) {
  return (
    <ShownOnceSecret
      id="link-notice"
      title={<>Lien à transmettre à {email}</>}
      label="Lien à usage unique"
      value={url}
      testId="one-time-link"
      copyLabel="Copier le lien"
      copiedMessage="Lien copié dans le presse-papiers."
      dismissLabel="C’est transmis"
      onDismiss={onDismiss}
    >
      Aucun e-mail n’a pu partir. Transmettez ce lien à la personne par un canal sûr : il ne fonctionne qu’une fois,
      jusqu’au {formatDateTime(expiresAt)}, et ne sera plus affiché.
    </ShownOnceSecret>
  );
}
