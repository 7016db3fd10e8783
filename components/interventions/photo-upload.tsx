'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { type OfflineApi, useOffline } from '@/components/offline/offline-provider';
import { useToast } from '@/components/ui/toast';
import { uploadWrite } from '@/lib/offline/forms';

export interface UploadResult {
  error: string | null;
  /** Kept on the device (offline, or the network failed): sent when the connection returns. */
  queued: boolean;
}

/**
 * POST to the documents upload route with `interventionId` (the session cookie authenticates it).
 * Without a network the file waits in the offline queue (IndexedDB) instead of being lost.
 */
export async function uploadInterventionFile(
  customerId: string,
  interventionId: string,
  file: Blob,
  name: string,
  extra: Record<string, string> = {},
  offline: OfflineApi | null = null,
): Promise<UploadResult> {
  const queue = async (): Promise<UploadResult> => {
    await offline!.queue(uploadWrite({ customerId, interventionId }, file, name, extra));
    return { error: null, queued: true };
  };
  if (offline && !navigator.onLine) return queue();
  const form = new FormData();
  form.append('file', file, name);
  form.append('interventionId', interventionId);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  try {
    const res = await fetch(`/api/customers/${customerId}/documents`, { method: 'POST', body: form });
    if (res.status === 201) return { error: null, queued: false };
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { error: body?.error?.message ?? `Échec de l’envoi (HTTP ${res.status}).`, queued: false };
  } catch {
    if (offline) return queue();
    return { error: 'Réseau indisponible : la photo n’a pas été envoyée. Réessayez.', queued: false };
  }
}

/** « Prendre une photo »: the phone's camera (capture), or the gallery on a computer. */
export function PhotoUpload({ customerId, interventionId }: { customerId: string; interventionId: string }) {
  const router = useRouter();
  const toast = useToast();
  const offline = useOffline();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    setBusy(true);
    setError(null);
    let failed: string | null = null;
    let queued = 0;
    for (const file of files) {
      const result = await uploadInterventionFile(
        customerId,
        interventionId,
        file,
        file.name,
        { category: 'photo' },
        offline,
      );
      failed = result.error ?? failed;
      if (result.queued) queued++;
    }
    setBusy(false);
    input.value = '';
    if (failed) setError(failed);
    else if (queued)
      toast.success(
        `Hors ligne : ${queued > 1 ? `${queued} photos enregistrées` : 'photo enregistrée'} sur l’appareil, en attente d’envoi.`,
      );
    else toast.success(files.length > 1 ? `${files.length} photos ajoutées.` : 'Photo ajoutée.');
    if (!queued) router.refresh();
  }

  return (
    <div className="space-y-1">
      <label className={buttonClasses('secondary', 'md', 'w-full cursor-pointer sm:w-auto')}>
        {busy ? 'Envoi…' : 'Prendre une photo'}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          className="sr-only"
          onChange={onChange}
          disabled={busy}
          data-testid="intervention-photo-input"
        />
      </label>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
