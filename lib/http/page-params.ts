import { notFound } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { parseId } from './parse';

/** A page's `searchParams` once awaited: a repeated key is an array. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The props Next gives a page under a `[id]` segment. */
export interface IdPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<PageSearchParams>;
}

/** An AppError `not_found` renders the page's not-found boundary; any other error goes on to error.tsx. */
function notFoundOnAppError(error: unknown): never {
  if (error instanceof AppError && error.code === 'not_found') notFound();
  throw error;
}

/**
 * A page's path id, as the API reads it (`parseId`): one that is not a UUID cannot name anything, so it
 * renders the not-found page, like an unknown one.
 */
export function parseIdOrNotFound(value: string, what = 'Ressource'): string {
  try {
    return parseId(value, what);
  } catch (error) {
    return notFoundOnAppError(error);
  }
}

/** Awaits a lib loader for a page: its `not_found` AppError is the not-found page, anything else propagates. */
export function orNotFound<T>(promise: Promise<T>): Promise<T> {
  return promise.catch(notFoundOnAppError);
}

/** Awaits a `[id]` page's params and query (empty for a page that takes none) together; a malformed id is the not-found page. */
export async function readIdPage(
  { params, searchParams }: Pick<IdPageProps, 'params'> & Partial<Pick<IdPageProps, 'searchParams'>>,
  what = 'Ressource',
): Promise<{ id: string; query: PageSearchParams }> {
  const [{ id }, query] = await Promise.all([params, searchParams ?? {}]);
  return { id: parseIdOrNotFound(id, what), query };
}

/** The first value of a query parameter (`?a=1&a=2` → '1'). */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
