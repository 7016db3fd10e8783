'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type SignaturePad from 'signature_pad';
import { Button } from '@/components/ui/button';
import { useOffline } from '@/components/offline/offline-provider';
import { useToast } from '@/components/ui/toast';
import { uploadInterventionFile } from './photo-upload';

/**
 * The customer signs on the technician's phone (signature_pad: smooth strokes, touch and mouse);
 * « Enregistrer la signature » sends it as a PNG through the documents upload route.
 */
export function SignatureField({ customerId, interventionId }: { customerId: string; interventionId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const [empty, setEmpty] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const toast = useToast();
  const offline = useOffline();

  useEffect(() => {
    let disposed = false;
    const canvas = canvasRef.current!;
    // Sharp strokes on high-density screens: the bitmap follows the CSS size × devicePixelRatio.
    const fit = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      padRef.current?.clear();
      setEmpty(true);
    };
    void import('signature_pad').then(({ default: Pad }) => {
      if (disposed) return;
      fit();
      const pad = new Pad(canvas, { penColor: '#0f172a', backgroundColor: 'rgb(255,255,255)' });
      pad.addEventListener('endStroke', () => setEmpty(pad.isEmpty()));
      padRef.current = pad;
    });
    window.addEventListener('resize', fit);
    return () => {
      disposed = true;
      window.removeEventListener('resize', fit);
      padRef.current?.off();
      padRef.current = null;
    };
  }, []);

  async function save() {
    const canvas = canvasRef.current;
    if (!canvas || !padRef.current || padRef.current.isEmpty()) return;
    setBusy(true);
    setError(null);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    const result = blob
      ? await uploadInterventionFile(customerId, interventionId, blob, 'signature.png', { signature: 'true' }, offline)
      : { error: 'La signature n’a pas pu être lue.', queued: false };
    setBusy(false);
    if (result.error) return setError(result.error);
    if (result.queued) return toast.success('Hors ligne : signature enregistrée sur l’appareil, en attente d’envoi.');
    toast.success('Signature enregistrée.');
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <canvas
        ref={canvasRef}
        aria-label="Zone de signature du client"
        data-testid="signature-canvas"
        className="h-44 w-full touch-none rounded-md border border-slate-300 bg-white"
      />
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            padRef.current?.clear();
            setEmpty(true);
          }}
        >
          Effacer
        </Button>
        <Button onClick={save} disabled={empty || busy}>
          {busy ? 'Envoi…' : 'Enregistrer la signature'}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
