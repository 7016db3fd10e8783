/**
 * The customer list's address: which query parameters are filters, and the links built from them (pages,
 * saved views, the export of the filtered list). No zod and no server import: client components use it.
 */

/** Every filter the list URL carries (the list schema's keys but the page cursor). */
export const LIST_FILTER_KEYS = [
  'q',
  'status',
  'kind',
  'tag',
  'city',
  'segment',
  'compliance',
  'archived',
  'sort',
  'limit',
] as const;
export type ListFilterKey = (typeof LIST_FILTER_KEYS)[number];
export type ListParams = Partial<Record<ListFilterKey | 'cursor', string>>;

/** The values that change nothing: the list shows the same customers with or without them. */
const DEFAULTS: Partial<Record<ListFilterKey, string>> = { archived: 'exclude', sort: 'recent' };

type RawParams = Record<string, string | string[] | undefined>;

/** The list's parameters from a page's searchParams (first value of a repeated key, trimmed, empty ones dropped). */
export function pickListParams(params: RawParams): ListParams {
  const out: ListParams = {};
  for (const key of [...LIST_FILTER_KEYS, 'cursor'] as const) {
    const raw = params[key];
    const v = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (v) out[key] = v;
  }
  return out;
}

/** The filters that narrow or order the list (defaults and the page size left out): what a saved view keeps. */
export function meaningfulFilters(params: ListParams): Partial<Record<ListFilterKey, string>> {
  const out: Partial<Record<ListFilterKey, string>> = {};
  for (const key of LIST_FILTER_KEYS)
    if (key !== 'limit' && params[key] && params[key] !== DEFAULTS[key]) out[key] = params[key];
  return out;
}

function queryString(params: ListParams, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams();
  for (const key of LIST_FILTER_KEYS) if (params[key]) qs.set(key, params[key]!);
  for (const [key, value] of Object.entries(extra)) qs.set(key, value);
  return qs.toString();
}

/** `/customers?…filters` (and the page cursor when given). */
export function customerListHref(params: ListParams, cursor?: string | null): string {
  const s = queryString(params, cursor ? { cursor } : {});
  return s ? `/customers?${s}` : '/customers';
}

/** The streamed export of the filtered list (`GET /api/customers/export`), without the page size. */
export function customerListExportHref(format: 'csv' | 'xlsx', params: ListParams): string {
  const { limit: _limit, ...filters } = params;
  return `/api/customers/export?${queryString(filters, { format })}`;
}

/** The export of a selection: the ids alone, whatever the list's filters (an archived row stays in it). */
export function customerSelectionExportHref(format: 'csv' | 'xlsx', ids: readonly string[]): string {
  return `/api/customers/export?${new URLSearchParams({ format, ids: ids.join(',') })}`;
}

/** Same filters (defaults ignored), so the quick link of the view being shown can be marked as current. */
export function sameFilters(a: ListParams, b: ListParams): boolean {
  const x = meaningfulFilters(a);
  const y = meaningfulFilters(b);
  const keys = new Set([...Object.keys(x), ...Object.keys(y)] as ListFilterKey[]);
  return [...keys].every((k) => x[k] === y[k]);
}
