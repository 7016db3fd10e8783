'use client';
/**
 * « Actions groupées » above the customer list: select the page, then archive, add or remove a tag
 * (customer.update) or export the selection (customer.export). The page decides the abilities
 * (lib/auth/permissions.ts); the server action and the route check the same permission again. The
 * server's French summary (« 12 clients archivés, 1 ignoré : effacé. ») is shown as it comes.
 */
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/field';
import { formatNumber } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { bulkCustomersAction } from '@/lib/customers/actions';
import type { BulkAction } from '@/lib/customers/bulk-schema';
import { customerSelectionExportHref } from '@/lib/customers/list-url';
import type { TagDto } from '@/lib/customers/types';
import { SelectAllCheckbox, useBulkSelection } from './bulk-selection';
import { ExportMenu } from './export-menu';

const clients = (n: number) => `${formatNumber(n, 0)} client${n > 1 ? 's' : ''}`;

export function BulkToolbar({ abilities, tags }: { abilities: { update: boolean; export: boolean }; tags: TagDto[] }) {
  const selection = useBulkSelection();
  const toast = useToast();
  const [tag, setTag] = useState('');
  const [tagError, setTagError] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  if (!selection) return null;
  const ids = [...selection.selected];
  const n = ids.length;

  async function run(action: BulkAction): Promise<boolean> {
    const fd = new FormData();
    fd.set('action', action);
    for (const id of ids) fd.append('ids', id);
    if (action !== 'archive') fd.set('tag', tag);
    const r = await bulkCustomersAction(initialActionState, fd);
    setTagError(r.ok ? undefined : r.fieldErrors?.tag);
    toast.show(r.message, !r.ok ? 'error' : r.data?.changed ? 'success' : 'info');
    if (r.ok) {
      selection!.setAll(false);
      setTag('');
    }
    return r.ok;
  }

  return (
    <div
      role="region"
      aria-label="Actions groupées"
      className="space-y-2 rounded-lg border border-slate-200 bg-white px-2 py-1 shadow-sm"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4">
        <SelectAllCheckbox />
        <p role="status" className="px-2 text-sm text-slate-700">
          {n ? `${clients(n)} sélectionné${n > 1 ? 's' : ''}` : 'Aucun client sélectionné'}
        </p>
      </div>
      {n > 0 && (
        <div className="flex flex-wrap items-end gap-2 border-t border-slate-100 px-2 pt-2 pb-2">
          {abilities.update && (
            <>
              <ConfirmDialog
                triggerLabel="Archiver"
                triggerVariant="secondary"
                title={`Archiver ${clients(n)}\u202f?`}
                confirmLabel="Archiver"
                tone="primary"
                onConfirm={() => run('archive')}
              >
                <p>
                  Ils n’apparaîtront plus dans la liste par défaut (filtre « Archivés » pour les retrouver). Chaque
                  fiche garde la trace de l’archivage.
                </p>
              </ConfirmDialog>
              <form
                className="flex flex-wrap items-end gap-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  const action = ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value;
                  startTransition(async () => {
                    await run(action === 'tag.remove' ? 'tag.remove' : 'tag.add');
                  });
                }}
              >
                <TextField
                  label="Étiquette"
                  id="bulk-tag"
                  name="tag"
                  list="bulk-tag-choices"
                  autoComplete="off"
                  value={tag}
                  onChange={(e) => setTag(e.target.value)}
                  error={tagError}
                  wrapperClassName="w-48"
                />
                <datalist id="bulk-tag-choices">
                  {tags.map((t) => (
                    <option key={t.id} value={t.name} />
                  ))}
                </datalist>
                <Button type="submit" value="tag.add" variant="secondary" disabled={pending}>
                  Ajouter l’étiquette
                </Button>
                <Button type="submit" value="tag.remove" variant="secondary" disabled={pending}>
                  Retirer l’étiquette
                </Button>
              </form>
            </>
          )}
          {abilities.export && (
            <ExportMenu
              label="Exporter la sélection"
              hrefs={{ csv: customerSelectionExportHref('csv', ids), xlsx: customerSelectionExportHref('xlsx', ids) }}
            />
          )}
          <Button variant="ghost" onClick={() => selection.setAll(false)}>
            Tout désélectionner
          </Button>
        </div>
      )}
    </div>
  );
}
