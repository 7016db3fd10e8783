import { z } from 'zod';
import { formatNumber, frenchText } from '@/components/ui/format';
import type { TagDto } from '@/lib/customers/types';
import { tagFields } from '@/lib/tags/schema';

/**
 * Bulk actions on a selection of customers (`POST /api/customers/bulk`, the list's « Actions groupées »
 * server action) and the export of a selection (`GET /api/customers/export?ids=`): one schema for the ids,
 * shared by the form, the action and both route handlers.
 *
 * At most SELECTION_MAX_IDS customers per call (422 beyond). Why 200 rather than more: the selection export
 * is a GET whose address carries the ids (37 characters each), and a Node server refuses a request line and
 * headers above 16 KB; one bound for both keeps the rule simple. The list shows at most 100 customers per page.
 */
export const SELECTION_MAX_IDS = 200;

export const BULK_ACTIONS = ['archive', 'tag.add', 'tag.remove'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

const customerId = z.guid({ message: 'Identifiant de client invalide.' }).transform((v) => v.toLowerCase());

/** 1 to SELECTION_MAX_IDS customer ids; repeated ones count once. */
export const customerIdsSchema = z
  .array(customerId, { message: 'ids doit être une liste d’identifiants de clients.' })
  .min(1, 'Sélectionnez au moins un client.')
  .max(SELECTION_MAX_IDS, `${SELECTION_MAX_IDS} clients au plus par action : sélectionnez-en moins.`)
  .transform((ids) => [...new Set(ids)]);

/** `?ids=a,b,c` or `?ids=a&ids=b` (both spellings, commas inside repeated values too). */
export const customerIdsQuerySchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(customerIdsSchema)
  .meta({
    description: `Customer ids, comma-separated or repeated (1–${SELECTION_MAX_IDS}): exactly these customers, whatever their archiving`,
  });

const actionMessage = `action doit être l’une de : ${BULK_ACTIONS.join(', ')}.`;

export const customerBulkSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('archive'), ids: customerIdsSchema }).strict(),
    z.object({ action: z.literal('tag.add'), ids: customerIdsSchema, tag: tagFields.name }).strict(),
    z.object({ action: z.literal('tag.remove'), ids: customerIdsSchema, tag: tagFields.name }).strict(),
  ],
  { message: actionMessage },
);
export type CustomerBulkInput = z.output<typeof customerBulkSchema>;

/** What a bulk action did. Every count is of distinct customers; `changed` ones each got their activity row. */
export interface CustomerBulkResult {
  action: BulkAction;
  /** The tag added or removed (null for archive). */
  tag: TagDto | null;
  requested: number;
  changed: number;
  /** Already archived, already tagged, or without the tag to remove. */
  unchanged: number;
  /** Refused: erased customers (GDPR, they take no change) and ids that name no customer. */
  skipped: { erased: number; notFound: number };
  /** The same in French, for the user (« 12 clients archivés, 1 ignoré : effacé. »). */
  message: string;
}

const count = (n: number, one: string, many: string) => `${formatNumber(n, 0)} ${n > 1 ? many : one}`;

const UNCHANGED: Record<BulkAction, [string, string]> = {
  archive: ['déjà archivé', 'déjà archivés'],
  'tag.add': ['l’avait déjà', 'l’avaient déjà'],
  'tag.remove': ['ne l’avait pas', 'ne l’avaient pas'],
};

/**
 * The French summary of a result (built by the server, shown as is by the list and returned by the API).
 * `tagName`: the name asked for, when no tag was resolved (no live customer in the selection).
 */
export function bulkResultMessage(r: Omit<CustomerBulkResult, 'message'>, tagName: string | null = null): string {
  const clients = (n: number) => (n ? count(n, 'client', 'clients') : 'aucun client');
  const head =
    r.action === 'archive'
      ? r.changed
        ? count(r.changed, 'client archivé', 'clients archivés')
        : 'Aucun client archivé'
      : `Étiquette « ${r.tag?.name ?? tagName ?? ''} » ${r.action === 'tag.add' ? 'ajoutée à' : 'retirée de'} ${clients(r.changed)}`;
  const parts = [head];
  if (r.unchanged) parts.push(count(r.unchanged, ...UNCHANGED[r.action]));
  if (r.skipped.erased) parts.push(count(r.skipped.erased, 'ignoré : effacé', 'ignorés : effacés'));
  if (r.skipped.notFound) parts.push(count(r.skipped.notFound, 'introuvable', 'introuvables'));
  return frenchText(`${parts.join(', ')}.`);
}
