'use client';
/**
 * Saved views above the customer list: quick links (one's own views, then those others shared), the one
 * being shown marked as current, and « Enregistrer cette vue » for the filters of the address. What each
 * view offers (delete, share, unshare) comes from the server (SavedViewDto.can*, lib/auth/permissions.ts).
 */
import { Bookmark, Users, X } from 'lucide-react';
import Link from 'next/link';
import { startTransition, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { quoted } from '@/components/ui/format';
import { SubmitButton } from '@/components/ui/submit-button';
import { useActionToast, useToast } from '@/components/ui/toast';
import { useFormAction } from '@/components/ui/use-form-action';
import { initialActionState } from '@/lib/action-state';
import { customerListHref, type ListParams, sameFilters } from '@/lib/customers/list-url';
import { createSavedViewAction, deleteSavedViewAction, updateSavedViewAction } from '@/lib/saved-views/actions';
import type { SavedViewDto } from '@/lib/saved-views/schema';

/** `hidden` once one of the viewer's views has these filters (kept mounted so its toast still shows). */
function SaveViewForm({ query, canShare, hidden }: { query: string; canShare: boolean; hidden: boolean }) {
  const { state, formAction, onSubmit, pending, errors } = useFormAction(createSavedViewAction);
  useActionToast(state);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (state.ok && details.current) details.current.open = false;
  }, [state]);
  return (
    <details ref={details} className="w-full sm:w-auto" hidden={hidden}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center gap-1 text-sm font-medium text-blue-700">
        <Bookmark aria-hidden="true" className="size-4" />
        Enregistrer cette vue
      </summary>
      <form action={formAction} onSubmit={onSubmit} noValidate className="mt-2 flex flex-wrap items-end gap-2">
        <input type="hidden" name="query" value={query} />
        <TextField
          id="saved-view-name"
          label="Nom de la vue"
          name="name"
          required
          error={errors.name ?? errors.filters}
          wrapperClassName="w-64"
        />
        {canShare && (
          <label className="inline-flex min-h-11 cursor-pointer items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="shared" value="true" className="size-5 accent-blue-700" />
            Partager avec toute l’équipe
          </label>
        )}
        <SubmitButton pendingLabel="Enregistrement…" disabled={pending}>
          Enregistrer
        </SubmitButton>
      </form>
    </details>
  );
}

function ViewChip({ view, current }: { view: SavedViewDto; current: boolean }) {
  const toast = useToast();
  const share = (shared: boolean) =>
    startTransition(async () => {
      const fd = new FormData();
      fd.set('shared', String(shared));
      const r = await updateSavedViewAction(view.id, initialActionState, fd);
      toast.show(r.message, r.ok ? 'success' : 'error');
    });
  return (
    <li
      className={
        current
          ? 'inline-flex items-center rounded-full border border-blue-700 bg-blue-50'
          : 'inline-flex items-center rounded-full border border-slate-300 bg-white'
      }
    >
      <Link
        href={customerListHref(view.filters)}
        aria-current={current ? 'page' : undefined}
        className="inline-flex min-h-11 items-center gap-1 pr-1 pl-3 text-sm font-medium text-slate-900"
        title={view.shared && !view.mine && view.ownerName ? `Partagée par ${view.ownerName}` : undefined}
      >
        {view.shared && <Users aria-hidden="true" className="size-4 text-slate-600" />}
        {view.name}
        {view.shared && <span className="sr-only"> (partagée)</span>}
      </Link>
      {view.canShare && !view.shared && (
        <Button size="sm" variant="ghost" onClick={() => share(true)} aria-label={`Partager la vue ${view.name}`}>
          Partager
        </Button>
      )}
      {view.canUnshare && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => share(false)}
          aria-label={`Ne plus partager la vue ${view.name}`}
        >
          Ne plus partager
        </Button>
      )}
      {view.canDelete && (
        <ConfirmDialog
          trigger={<X aria-hidden="true" className="size-4" />}
          triggerAriaLabel={`Supprimer la vue ${view.name}`}
          triggerVariant="ghost"
          triggerSize="sm"
          triggerClassName="rounded-full"
          title={`Supprimer la vue ${quoted(view.name)}\u202f?`}
          confirmLabel="Supprimer"
          onConfirm={async () => {
            const r = await deleteSavedViewAction(view.id, initialActionState, new FormData());
            toast.show(r.message, r.ok ? 'success' : 'error');
            return r.ok;
          }}
        >
          <p>{view.shared ? 'Elle disparaîtra aussi pour toute l’équipe.' : 'Les clients ne sont pas modifiés.'}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

export function SavedViewsBar({
  views,
  params,
  query,
  canShare,
}: {
  views: SavedViewDto[];
  /** The list's current parameters (which quick link is the current one). */
  params: ListParams;
  /** The filters worth saving as a query string; empty = nothing to save (the plain list). */
  query: string;
  canShare: boolean;
}) {
  if (!views.length && !query) return null;
  const saved = views.some((v) => v.mine && sameFilters(params, v.filters));
  return (
    <nav aria-label="Vues enregistrées" className="flex flex-wrap items-center gap-2">
      {views.length > 0 && (
        <ul className="flex flex-wrap items-center gap-2">
          {views.map((v) => (
            <ViewChip key={v.id} view={v} current={sameFilters(params, v.filters)} />
          ))}
        </ul>
      )}
      {query && <SaveViewForm key={query} query={query} canShare={canShare} hidden={saved} />}
    </nav>
  );
}
