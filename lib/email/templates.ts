import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, getDb } from '@/db';
import { emailTemplates } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { EmailTemplateCreateInput, EmailTemplateDto, EmailTemplateUpdateInput } from './template-schema';

/**
 * E-mail templates: list, read, create, edit, delete (managers and admins: `email.template`). They are not
 * a customer's data, so no activity row; `created_by` / `updated_by` say who wrote them.
 */
type TemplateRow = typeof emailTemplates.$inferSelect;

const toDto = (r: TemplateRow): EmailTemplateDto => ({
  id: r.id,
  name: r.name,
  subject: r.subject,
  body: r.body,
  purpose: r.purpose,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const NOT_FOUND = 'Modèle d’e-mail introuvable.';

const duplicate = (name: string) =>
  AppError.conflict(`Un modèle s’appelle déjà « ${name} » (les majuscules ne comptent pas).`, {
    name: ['Un modèle porte déjà ce nom.'],
  });

/** Every template, by name (there are a handful: the picker shows them all). */
export async function listEmailTemplates(db: DbOrTx): Promise<EmailTemplateDto[]> {
  const rows = await db
    .select()
    .from(emailTemplates)
    .orderBy(asc(sql`lower(${emailTemplates.name})`), asc(emailTemplates.id));
  return rows.map(toDto);
}

/** The send form's « Modèle » choices (the texts are rendered on the server when one is picked). */
export async function loadEmailTemplateChoices(): Promise<{ id: string; name: string }[]> {
  return (await listEmailTemplates(getDb())).map(({ id, name }) => ({ id, name }));
}

export async function getEmailTemplate(db: DbOrTx, id: string): Promise<EmailTemplateDto> {
  const [row] = await db.select().from(emailTemplates).where(eq(emailTemplates.id, id)).limit(1);
  if (!row) throw AppError.notFound(NOT_FOUND);
  return toDto(row);
}

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

/** Runs a write; the unique index on lower(name) turns a taken name (racing writes included) into a 409. */
async function guardName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw duplicate(name);
    throw error;
  }
}

export async function createEmailTemplate(
  db: Db,
  actor: Actor,
  input: EmailTemplateCreateInput,
): Promise<EmailTemplateDto> {
  const [row] = await guardName(input.name, () =>
    db
      .insert(emailTemplates)
      .values({ ...input, createdBy: userId(actor), updatedBy: userId(actor) })
      .returning(),
  );
  return toDto(row);
}

export async function updateEmailTemplate(
  db: Db,
  actor: Actor,
  id: string,
  input: EmailTemplateUpdateInput,
): Promise<EmailTemplateDto> {
  const [row] = await guardName(input.name, () =>
    db
      .update(emailTemplates)
      .set({ ...input, updatedBy: userId(actor), updatedAt: new Date() })
      .where(eq(emailTemplates.id, id))
      .returning(),
  );
  if (!row) throw AppError.notFound(NOT_FOUND);
  return toDto(row);
}

export async function deleteEmailTemplate(db: Db, id: string): Promise<void> {
  const deleted = await db.delete(emailTemplates).where(eq(emailTemplates.id, id)).returning({ id: emailTemplates.id });
  if (!deleted.length) throw AppError.notFound(NOT_FOUND);
}
