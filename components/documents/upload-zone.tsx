'use client';

import { useRouter } from 'next/navigation';
import { Camera, FolderOpen } from 'lucide-react';
import { type DragEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { inputClasses } from '@/components/ui/field';
import { formatBytes } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { ACCEPT_ATTRIBUTE, DOCUMENT_CATEGORY_LABELS, DOCUMENT_CATEGORY_OPTIONS } from '@/lib/documents/labels';
import { UPLOAD_ANCHOR } from '../customers/phone-actions';

type Item = {
  id: number;
  name: string;
  size: number;
  progress: number;
  status: 'queued' | 'uploading' | 'done' | 'error';
  message?: string;
};

/**
 * Drag-and-drop, file picker, and the phone camera (capture). On touch screens the camera comes
 * first (« Prendre une photo », then « Autre photo » for the next shot, and so on: a technician
 * takes several in a row), the file picker second; with a mouse, the picker and drag-and-drop.
 * Each file is POSTed to the API with
 * XMLHttpRequest so the upload progress can be shown; the session cookie authenticates it. The
 * server decides the type from the bytes; the checks here only spare a useless upload.
 */
export function UploadZone({
  customerId,
  maxBytes,
  defaultCategory,
}: {
  customerId: string;
  maxBytes: number;
  defaultCategory?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [category, setCategory] = useState(defaultCategory ?? 'other');
  const [description, setDescription] = useState('');
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const cameraButton = useRef<HTMLButtonElement>(null);
  const seq = useRef(0);
  const [shots, setShots] = useState(0);

  useEffect(() => {
    // « Photo » of the phone action bar: land on the camera button, one tap from the camera.
    if (window.location.hash === `#${UPLOAD_ANCHOR}`) cameraButton.current?.focus();
  }, []);

  const update = (id: number, patch: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.id === id ? { ...i, ...patch } : i)));

  function send(file: File, id: number, cat: string, desc: string): Promise<boolean> {
    return new Promise((resolve) => {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('category', cat);
      if (desc.trim()) form.append('description', desc.trim());
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/customers/${customerId}/documents`);
      xhr.responseType = 'json';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(id, { progress: Math.round((e.loaded / e.total) * 100) });
      };
      xhr.onload = () => {
        if (xhr.status === 201) {
          update(id, { status: 'done', progress: 100 });
          resolve(true);
        } else {
          const message = (xhr.response as { error?: { message?: string; fields?: Record<string, string[]> } } | null)
            ?.error;
          const detail = message?.fields ? Object.values(message.fields).flat()[0] : undefined;
          update(id, {
            status: 'error',
            message: detail ?? message?.message ?? `Échec de l’envoi (HTTP ${xhr.status}).`,
          });
          resolve(false);
        }
      };
      xhr.onerror = () => {
        update(id, { status: 'error', message: 'Connexion interrompue : le fichier n’a pas été enregistré.' });
        resolve(false);
      };
      update(id, { status: 'uploading' });
      xhr.send(form);
    });
  }

  async function upload(files: FileList | File[] | null, fromCamera = false) {
    const list = Array.from(files ?? []);
    if (!list.length) return;
    const queued = list.map((f) => ({ file: f, id: ++seq.current }));
    setItems((prev) => [
      ...queued.map(({ file, id }) => {
        const tooBig = file.size > maxBytes;
        const empty = file.size === 0;
        return {
          id,
          name: file.name,
          size: file.size,
          progress: 0,
          status: tooBig || empty ? ('error' as const) : ('queued' as const),
          message: tooBig
            ? `Fichier trop volumineux (maximum ${formatBytes(maxBytes)}).`
            : empty
              ? 'Le fichier est vide.'
              : undefined,
        };
      }),
      ...prev.filter((i) => i.status !== 'done'),
    ]);
    let ok = 0;
    for (const { file, id } of queued) {
      if (file.size === 0 || file.size > maxBytes) continue;
      // A camera shot is a photo unless another category was chosen on purpose.
      const cat = fromCamera && category === (defaultCategory ?? 'other') ? 'photo' : category;
      if (await send(file, id, cat, description)) ok++;
    }
    if (fromCamera) {
      setShots((n) => n + ok);
      // Ready for the next shot: the focus stays on the camera button.
      cameraButton.current?.focus();
    }
    if (ok) {
      toast.success(
        fromCamera
          ? ok > 1
            ? `${ok} photos ajoutées.`
            : 'Photo ajoutée.'
          : ok > 1
            ? `${ok} documents ajoutés.`
            : 'Document ajouté.',
      );
      setDescription('');
      router.refresh();
    }
    if (picker.current) picker.current.value = '';
    if (camera.current) camera.current.value = '';
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void upload(e.dataTransfer.files);
  }

  return (
    <section
      id={UPLOAD_ANCHOR}
      aria-labelledby="upload-title"
      className="scroll-mt-20 space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <h2 id="upload-title" className="text-base font-semibold text-slate-900">
        Ajouter des documents
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="upload-category" className="block text-sm font-medium text-slate-800">
            Catégorie
          </label>
          <select
            id="upload-category"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            className={inputClasses(false)}
          >
            {DOCUMENT_CATEGORY_OPTIONS.map((c) => (
              <option key={c} value={c}>
                {DOCUMENT_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="upload-description" className="block text-sm font-medium text-slate-800">
            Description <span className="font-normal text-slate-600">(facultatif)</span>
          </label>
          <input
            id="upload-description"
            value={description}
            maxLength={500}
            onChange={(e) => setDescription(e.target.value)}
            className={inputClasses(false)}
          />
        </div>
      </div>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="upload-dropzone"
        className={cn(
          'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed p-4 text-center',
          dragging ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-slate-50',
        )}
      >
        <p className="text-sm text-slate-700">
          {/* Drag and drop only where there is a mouse: touch screens get the touch wording. */}
          <span className="pointer-coarse:hidden">Glissez-déposez vos fichiers ici</span>
          <span className="hidden pointer-coarse:inline">Prenez une photo ou choisissez des fichiers</span> — PDF,
          images, Word, Excel, ODT, TXT, CSV, {formatBytes(maxBytes)} maximum.
        </p>
        {/* Touch screens: the camera first. With a mouse: the file picker (and drag-and-drop). */}
        <div className="hidden flex-wrap justify-center gap-2 pointer-coarse:flex">
          <Button ref={cameraButton} variant="primary" onClick={() => camera.current?.click()}>
            <Camera aria-hidden="true" className="size-5" />
            {shots ? 'Autre photo' : 'Prendre une photo'}
          </Button>
          <Button variant="secondary" onClick={() => picker.current?.click()}>
            <FolderOpen aria-hidden="true" className="size-5" />
            Choisir des fichiers
          </Button>
        </div>
        <div className="flex flex-wrap justify-center gap-2 pointer-coarse:hidden">
          <Button variant="primary" onClick={() => picker.current?.click()}>
            <FolderOpen aria-hidden="true" className="size-5" />
            Choisir des fichiers
          </Button>
        </div>
        {shots > 0 && (
          <p className="text-sm text-slate-700 pointer-fine:hidden" role="status">
            {shots > 1 ? `${shots} photos envoyées` : '1 photo envoyée'} : touchez « Autre photo » pour la suivante.
          </p>
        )}
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="upload-input"
          onChange={(e) => void upload(e.target.files)}
        />
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="upload-camera"
          onChange={(e) => void upload(e.target.files, true)}
        />
      </div>
      {items.length > 0 && (
        <ul className="space-y-2" aria-live="polite" data-testid="upload-progress">
          {items.map((i) => (
            <li key={i.id} className="rounded-md border border-slate-200 p-2 text-sm">
              <div className="flex justify-between gap-2">
                <span className="truncate font-medium">{i.name}</span>
                <span className="shrink-0 text-slate-600">{formatBytes(i.size)}</span>
              </div>
              {i.status === 'error' ? (
                <p role="alert" className="mt-1 text-red-700">
                  {i.message}
                </p>
              ) : (
                <div className="mt-1 flex items-center gap-2">
                  <progress value={i.progress} max={100} className="h-2 flex-1" aria-label={`Envoi de ${i.name}`} />
                  <span className="w-24 text-right text-xs text-slate-600">
                    {i.status === 'done' ? 'Terminé' : i.status === 'queued' ? 'En attente' : `${i.progress} %`}
                  </span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
