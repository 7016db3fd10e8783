'use client';
/**
 * ConfirmDialog: a trigger button that opens a native modal <dialog> (focus trapped by the browser,
 * Esc closes, focus returns to the trigger). Focus starts on "Annuler" so Enter never destroys by accident.
 *
 * Mode 1 — async callback (typical with a server action called directly):
 *   <ConfirmDialog triggerLabel="Supprimer" title="Supprimer ce véhicule ?" confirmLabel="Supprimer"
 *     onConfirm={async () => { const r = await deleteVehicleAction(cid, vid, initialActionState, new FormData());
 *                              toast.show(r.message, r.ok ? 'success' : 'error'); return r.ok; }}>
 *     <p>Le véhicule AA-123-AA sera supprimé.</p>
 *   </ConfirmDialog>
 *   The dialog shows a pending state while the promise runs, then closes unless it resolves to `false`.
 *
 * Mode 2 — form action (e.g. the dispatch of useActionState): the confirm button submits
 *   <form action={formAction}> with `hiddenFields`; the dialog closes on submit.
 *   <ConfirmDialog … formAction={formAction} hiddenFields={{ archived: '1' }} />
 *
 * Props: triggerLabel | trigger (custom ReactNode label), triggerVariant ('danger' default), triggerSize,
 *   triggerClassName, title, children (description), confirmLabel, cancelLabel ('Annuler'),
 *   tone ('danger' | 'primary'), disabled.
 *
 * ConfirmModal is the same dialog without its trigger, opened by its parent (e.g. from a menu item):
 *   <ConfirmModal open={open} onClose={() => { setOpen(false); menuButton.current?.focus(); }} title=… … />
 */
import { type ReactNode, useEffect, useId, useRef, useState, useTransition } from 'react';
import { Button, type ButtonSize, type ButtonVariant } from './button';

export interface ConfirmModalProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  pendingLabel?: string;
  tone?: 'danger' | 'primary';
  disabled?: boolean;
  /** Controlled: the parent opens it and is told when it closes (to put the focus back). */
  open: boolean;
  onClose: () => void;
  onConfirm?: () => unknown | Promise<unknown>;
  formAction?: (formData: FormData) => void;
  hiddenFields?: Record<string, string>;
}

export interface ConfirmDialogProps extends Omit<ConfirmModalProps, 'open' | 'onClose'> {
  triggerLabel?: string;
  trigger?: ReactNode;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  triggerClassName?: string;
  /** Accessible name for the trigger when its visible label is ambiguous (e.g. "Supprimer le véhicule AA-123-AA"). */
  triggerAriaLabel?: string;
}

export function ConfirmDialog({
  triggerLabel,
  trigger,
  triggerVariant = 'danger',
  triggerSize = 'md',
  triggerClassName,
  triggerAriaLabel,
  disabled,
  ...modal
}: ConfirmDialogProps) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        ref={triggerRef}
        variant={triggerVariant}
        size={triggerSize}
        className={triggerClassName}
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-haspopup="dialog"
        aria-label={triggerAriaLabel}
      >
        {trigger ?? triggerLabel}
      </Button>
      <ConfirmModal
        {...modal}
        open={open}
        onClose={() => {
          setOpen(false);
          triggerRef.current?.focus();
        }}
      />
    </>
  );
}

export function ConfirmModal({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Annuler',
  pendingLabel = 'En cours…',
  tone = 'danger',
  open,
  onClose,
  onConfirm,
  formAction,
  hiddenFields,
}: ConfirmModalProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  function close() {
    dialogRef.current?.close();
  }

  function handleConfirm() {
    if (!onConfirm) return;
    startTransition(async () => {
      try {
        const result = await onConfirm();
        if (result !== false) close();
      } catch (e) {
        // A redirect() from the server action is carried out by the router; it is not a failure.
        if (
          e &&
          typeof e === 'object' &&
          'digest' in e &&
          String((e as { digest: unknown }).digest).startsWith('NEXT_REDIRECT')
        )
          return;
        setError('Une erreur est survenue. Réessayez.');
      }
    });
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={children ? descId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its content box) closes it.
        if (e.target === dialogRef.current && !pending) close();
      }}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-5">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {children && (
          <div id={descId} className="space-y-2 text-sm text-slate-700">
            {children}
          </div>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button ref={cancelRef} variant="secondary" onClick={close} disabled={pending}>
            {cancelLabel}
          </Button>
          {formAction ? (
            <form action={formAction} onSubmit={() => close()}>
              {Object.entries(hiddenFields ?? {}).map(([k, v]) => (
                <input key={k} type="hidden" name={k} value={v} />
              ))}
              <Button type="submit" variant={tone === 'danger' ? 'danger' : 'primary'} className="w-full sm:w-auto">
                {confirmLabel}
              </Button>
            </form>
          ) : (
            <Button
              variant={tone === 'danger' ? 'danger' : 'primary'}
              onClick={handleConfirm}
              disabled={pending}
              aria-busy={pending || undefined}
            >
              {pending ? pendingLabel : confirmLabel}
            </Button>
          )}
        </div>
      </div>
    </dialog>
  );
}
