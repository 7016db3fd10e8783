import { KIND_LABELS } from '@/lib/customers/schema';
import type { CustomerDto } from '@/lib/customers/types';

/** Kind options for <CustomerForm kinds>, built on the server so the form's bundle has no schema import. */
export const CUSTOMER_KIND_OPTIONS = (Object.keys(KIND_LABELS) as CustomerDto['kind'][]).map((value) => ({
  value,
  label: KIND_LABELS[value],
}));
