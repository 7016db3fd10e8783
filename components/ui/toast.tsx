'use client';
/**
 * Toasts: short messages after a mutation. <ToastProvider> is mounted once in app/(dashboard)/layout.tsx.
 *   const toast = useToast();
 *   toast.success('Véhicule ajouté.'); toast.error('Échec…'); toast.info('…'); toast.show(msg, 'success')
 *   useActionToast(state)   // after useActionState: toasts state.message whenever a new result arrives
 * Messages live in an aria-live region (errors use role="alert"); they disappear after a few seconds
 * or with their "Fermer" button. Outside a provider the hooks are harmless no-ops.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { cn } from './cn';

export type ToastTone = 'success' | 'error' | 'info';

export interface ToastApi {
  show: (message: string, tone?: ToastTone) => void;
  success: (message: string) => void;
  error: (message: string) => void;
  info: (message: string) => void;
}

interface ToastItem {
  id: number;
  message: string;
  tone: ToastTone;
}

const noop = () => {};
const NOOP_API: ToastApi = { show: noop, success: noop, error: noop, info: noop };
const ToastContext = createContext<ToastApi>(NOOP_API);

const TONE_CLASSES: Record<ToastTone, string> = {
  success: 'border-green-600 bg-green-50 text-green-900',
  error: 'border-red-600 bg-red-50 text-red-900',
  info: 'border-blue-600 bg-blue-50 text-blue-900',
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setItems((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const show = useCallback(
    (message: string, tone: ToastTone = 'info') => {
      if (!message) return;
      const id = nextId.current++;
      // Keep at most 3 on screen: phones have little room.
      setItems((list) => [...list.slice(-2), { id, message, tone }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), tone === 'error' ? 8000 : 5000),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((t) => clearTimeout(t));
  }, []);

  const api = useMemo<ToastApi>(
    () => ({ show, success: (m) => show(m, 'success'), error: (m) => show(m, 'error'), info: (m) => show(m, 'info') }),
    [show],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        aria-live="polite"
        aria-relevant="additions"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
      >
        {items.map((t) => (
          <div
            key={t.id}
            role={t.tone === 'error' ? 'alert' : 'status'}
            className={cn(
              'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-md border-l-4 px-4 py-3 text-sm shadow-lg',
              TONE_CLASSES[t.tone],
            )}
          >
            <p className="flex-1 py-2">{t.message}</p>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              className="min-h-11 min-w-11 rounded-md px-2 text-sm font-medium underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              Fermer
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

/**
 * Toasts the message of each new ActionState (success → green, failure → red).
 * Pass `{ errors: false }` when the form already shows its error inline and you only want success toasts.
 */
export function useActionToast(
  state: { ok: boolean; message: string } | null | undefined,
  options: { success?: boolean; errors?: boolean } = {},
): void {
  const toast = useToast();
  const { success = true, errors = true } = options;
  const last = useRef(state);
  useEffect(() => {
    if (!state || state === last.current) return;
    last.current = state;
    if (!state.message) return;
    if (state.ok && success) toast.success(state.message);
    if (!state.ok && errors) toast.error(state.message);
  }, [state, toast, success, errors]);
}

/**
 * Wraps a server action so its success message is toasted when the action answers. Use it when the answer
 * re-renders the page without the form that sent it (a status change removes its button): the effect of
 * `useActionToast` would never run there. The toast lives in the layout, so it survives the re-render.
 */
export function useAnnouncedAction<S extends { ok: boolean; message: string }>(
  action: (state: S, formData: FormData) => Promise<S>,
): (state: S, formData: FormData) => Promise<S> {
  const toast = useToast();
  return async (state, formData) => {
    const result = await action(state, formData);
    if (result.ok && result.message) toast.success(result.message);
    return result;
  };
}
