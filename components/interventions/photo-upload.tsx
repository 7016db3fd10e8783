'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/** POST to the documents upload route with `interventionId` (the session cookie authenticates it). */
export async function uploadInterventionFile(
  customerId: string,
  interventionId: string,
  file: Blob,
  name: string,
  extra: Record<string, string> = {},
): Promise<string | null> {
  const form = new FormData();
  form.append('file', file, name);
  form.append('interventionId', interventionId);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  try {
    const res = await fetch(`/api/customers/${customerId}/documents`, { method: 'POST', body: form });
    if (res.status === 201) return null;
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    return body?.error?.message ?? `Échec de l’envoi (HTTP ${res.status}).`;
  } catch {
    return 'Réseau indisponible : la photo n’a pas été envoyée. Réessayez.';
  }
}

/** « Prendre une photo »: the phone's camera (capture), or the gallery on a computer. */
export function PhotoUpload({ customerId, interventionId }: { customerId: string; interventionId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    setBusy(true);
    setError(null);
    let failed: string | null = null;
    for (const file of files) {
      failed =
        (await uploadInterventionFile(customerId, interventionId, file, file.name, { category: 'photo' })) ?? failed;
    }
    setBusy(false);
    input.value = '';
    if (failed) setError(failed);
    else toast.success(files.length > 1 ? `${files.length} photos ajoutées.` : 'Photo ajoutée.');
    router.refresh();
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
