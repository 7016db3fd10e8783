import { z } from 'zod';
import { EMAIL_PURPOSES, EMAIL_TEMPLATE_NAME_MAX, EMAIL_STATUSES } from '@/db/schema/enums';
import { limitSchema } from '@/lib/pagination';
import { emailFields } from './schema';
import { templateTextProblems, type TemplateVariable } from './template-variables';

/**
 * The e-mail template entity: one set of schemas for the templates page, its actions and the API (no drizzle
 * import: the page's form loads this module in the browser). A variable outside the allow-list or a stray
 * `{{` is a field error on `subject` or `body` (422, nothing written).
 */
/** The templates page (« Modèles d’e-mail »: list, edit, live preview), for managers and admins. */
export const EMAIL_TEMPLATES_PATH = '/modeles-e-mail';

const withVariables = <S extends z.ZodType<string>>(field: S) =>
  field.superRefine((text, ctx) => {
    for (const message of templateTextProblems(text)) ctx.addIssue({ code: 'custom', message });
  });

const templateFields = {
  name: z
    .string({ error: 'Donnez un nom au modèle.' })
    .trim()
    .min(1, 'Donnez un nom au modèle.')
    .max(EMAIL_TEMPLATE_NAME_MAX, `Nom : ${EMAIL_TEMPLATE_NAME_MAX} caractères au maximum.`),
  subject: withVariables(emailFields.subject),
  body: withVariables(emailFields.body),
  purpose: z.enum(EMAIL_PURPOSES, { error: 'Finalité : service, marketing ou satisfaction-surveys.' }),
};

export const emailTemplateCreateSchema = z
  .object({ ...templateFields, purpose: templateFields.purpose.default('service') })
  .strict();
export type EmailTemplateCreateInput = z.output<typeof emailTemplateCreateSchema>;

export const emailTemplateUpdateSchema = z
  .object({
    name: templateFields.name.optional(),
    subject: templateFields.subject.optional(),
    body: templateFields.body.optional(),
    purpose: templateFields.purpose.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Rien à modifier : indiquez name, subject, body ou purpose.',
    path: ['name'],
  });
export type EmailTemplateUpdateInput = z.output<typeof emailTemplateUpdateSchema>;

/** « Utiliser un modèle » in the send form and `POST /api/customers/{id}/emails/preview`. */
export const emailPreviewSchema = z
  .object({ templateId: z.guid({ error: 'Choisissez un modèle.' }).transform((v) => v.toLowerCase()) })
  .strict();
export type EmailPreviewInput = z.output<typeof emailPreviewSchema>;

export const customerEmailsQuerySchema = z.object({
  status: z.enum(EMAIL_STATUSES, { error: 'Statut : queued, sent, failed ou blocked.' }).optional(),
  limit: limitSchema,
  cursor: z.string().max(1024).optional(),
});
export type CustomerEmailsQuery = z.output<typeof customerEmailsQuerySchema>;

export interface EmailTemplateDto {
  id: string;
  name: string;
  subject: string;
  body: string;
  purpose: (typeof EMAIL_PURPOSES)[number];
  createdAt: Date;
  updatedAt: Date;
}

/** A template rendered for one customer (server side: the values are that customer's). */
export interface EmailPreviewDto {
  templateId: string;
  purpose: (typeof EMAIL_PURPOSES)[number];
  subject: string;
  body: string;
  html: string;
  missing: TemplateVariable[];
}
