import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { getCustomerOrThrow } from '@/lib/customers/queries';
import { AppError } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';

/**
 * The customer of a /customers/[id] route, loaded once per request (the layout's header and the
 * Profile tab / edit page share it). A malformed or unknown id renders the not-found page.
 */
export const loadCustomer = cache(async (rawId: string) => {
  try {
    return await getCustomerOrThrow(getDb(), parseId(rawId, 'Client'));
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  }
});
