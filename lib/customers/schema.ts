import { z } from 'zod';
import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from '@/db/schema/enums';
import { optionalChecked, optionalText } from '@/lib/validation';
export { KIND_LABELS, STATUS_LABELS } from './labels';

/**
 * The customer entity, once. Create, update and query schemas derive from it; the same schema
 * validates the form in the browser and the action / API handler on the server.
 */
export const customerFields = {
  kind: z.enum(CUSTOMER_KINDS, { message: 'Choisissez particulier ou professionnel.' }),
  firstName: optionalText(100),
  lastName: optionalText(100),
  companyName: optionalText(200),
  siret: optionalChecked('siret'),
  vatNumber: optionalChecked('vat'),
  email: optionalChecked('email'),
  phone: optionalChecked('phone'),
  mobile: optionalChecked('phone'),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  postalCode: optionalChecked('postalCode'),
  city: optionalText(100),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/, 'Code pays ISO à 2 lettres (FR).')
    .optional()
    .transform((v) => v ?? 'FR'),
  agency: optionalText(100),
};

const baseObject = z.object(customerFields);
export type CustomerFieldsInput = z.input<typeof baseObject>;
export type CustomerFields = z.output<typeof baseObject>;

type RuleInput = Partial<Pick<CustomerFields, 'kind' | 'lastName' | 'companyName' | 'email' | 'phone' | 'mobile'>>;

/** The conditional customer rules (README › API), applied to the full record (after merging a partial update). */
export function customerRuleIssues(c: RuleInput): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (c.kind === 'company' && !c.companyName)
    issues.push({ path: 'companyName', message: 'La raison sociale est obligatoire pour un professionnel.' });
  if (c.kind === 'individual' && !c.lastName)
    issues.push({ path: 'lastName', message: 'Le nom est obligatoire pour un particulier.' });
  if (!c.email && !c.phone && !c.mobile)
    issues.push({ path: 'email', message: 'Indiquez au moins un moyen de contact (e-mail, téléphone ou mobile).' });
  return issues;
}

export const customerCreateSchema = baseObject.superRefine((value, ctx) => {
  for (const issue of customerRuleIssues(value))
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
});
export type CustomerCreateInput = z.output<typeof customerCreateSchema>;

/** PATCH: any subset of fields plus the `updatedAt` the client based its edit on. */
export const customerUpdateSchema = baseObject
  .omit({ country: true })
  .partial()
  .extend({
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'Code pays ISO à 2 lettres (FR).')
      .optional(),
    updatedAt: z.coerce.date({ message: 'updatedAt est requis (date de la version modifiée).' }),
  })
  .strict();
export type CustomerUpdateInput = z.output<typeof customerUpdateSchema>;

export const customerListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  kind: z.enum(CUSTOMER_KINDS).optional(),
  tag: z.string().trim().max(100).optional(),
  city: z.string().trim().max(100).optional(),
  segment: z.string().trim().max(50).optional(),
  compliance: z.enum(['issues']).optional(),
  archived: z.enum(['include', 'only', 'exclude']).default('exclude'),
  sort: z.enum(['recent', 'name']).default('recent'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1024).optional(),
});
export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** Display name: company name, else "First Last". */
export function customerDisplayName(c: {
  kind: string;
  companyName?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}): string {
  if (c.kind === 'company' && c.companyName) return c.companyName;
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || c.companyName || '—';
}
