import { z } from 'zod';
import { AppError, zodFieldErrors } from '@/lib/errors';
import { env } from '@/lib/env';
import { hasUnstorableChar, replaceUnstorableChars, UNSTORABLE_TEXT } from '@/lib/validation/text';
import { BODY_JSON_BOUNDS, findJsonBoundsProblem } from '@/lib/validation/json-bounds';

/** Reads at most `maxBytes` of the body; more is a 413 before anything is parsed. */
async function readLimited(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    throw new AppError(
      'payload_too_large',
      `Corps de requête trop volumineux (max ${Math.round(maxBytes / 1024)} Ko).`,
    );
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError(
        'payload_too_large',
        `Corps de requête trop volumineux (max ${Math.round(maxBytes / 1024)} Ko).`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * PostgreSQL cannot store U+0000 (text, jsonb) nor a lone UTF-16 surrogate (jsonb): such a
 * character anywhere in the input (value or key, any depth) is a 422 naming the field here,
 * instead of a 500 at insert time.
 */
function rejectUnstorable(value: unknown): void {
  const fields: Record<string, string[]> = {};
  const stack: [unknown, string[]][] = [[value, []]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasUnstorableChar(v)) fields[path.join('.') || '_'] = [UNSTORABLE_TEXT];
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (hasUnstorableChar(k)) fields[[...path, replaceUnstorableChars(k, '?')].join('.')] = [UNSTORABLE_TEXT];
        else stack.push([child, [...path, k]]);
      }
    }
  }
  if (Object.keys(fields).length) throw AppError.validation(fields);
}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  rejectUnstorable(value);
  const result = schema.safeParse(value);
  if (!result.success) throw AppError.validation(zodFieldErrors(result.error));
  return result.data;
}

/** `application/json` or `application/<anything>+json`, whatever the parameters (`; charset=utf-8`). */
export function isJsonContentType(header: string | null): boolean {
  const mediaType = (header ?? '').split(';')[0].trim().toLowerCase();
  return /^application\/([\w.!#$&^-]+\+)?json$/.test(mediaType);
}

/**
 * A body is read as JSON only when it says it is: a `text/plain` or form-encoded POST is what a
 * cross-site HTML form sends without a preflight, and it must not be taken for an API call.
 */
function assertJsonContentType(req: Request): void {
  if (!isJsonContentType(req.headers.get('content-type'))) throw notJson();
}

const notJson = () =>
  new AppError(
    'unsupported_media_type',
    'Le corps de la requête doit être du JSON (en-tête Content-Type: application/json).',
  );

/** JSON body → 415 when not declared JSON, 400 when malformed, 413 when too large, 422 when too deep or too many values (BODY_JSON_BOUNDS) or invalid (`fields`). */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  assertJsonContentType(req);
  const text = await readLimited(req, env().MAX_JSON_KB * 1024);
  let body: unknown;
  try {
    body = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw AppError.badRequest('JSON mal formé.');
  }
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw AppError.badRequest('Le corps de la requête doit être un objet JSON.');
  }
  // Depth and value count before any recursive validation (a stack overflow would be a 500).
  const problem = findJsonBoundsProblem(body, BODY_JSON_BOUNDS);
  if (problem) throw AppError.validation({ [problem.field ?? '_']: [problem.message] }, problem.message);
  return validate(schema, body);
}

/** A body that may be left out: none at all (no Content-Type, nothing sent) is `undefined`; else as `parseJson`. */
export async function parseOptionalJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S> | undefined> {
  if (req.headers.has('content-type')) return parseJson(req, schema);
  if ((await readLimited(req, env().MAX_JSON_KB * 1024)).trim() !== '') throw notJson();
  return undefined;
}

/** Query string → object; a repeated key becomes an array. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return validate(schema, searchParamsToObject(new URL(req.url).searchParams));
}

const uuid = z.guid();

/** A path id that is not a UUID cannot name anything: 404, like an unknown one. */
export function parseId(value: unknown, what = 'Ressource'): string {
  const result = uuid.safeParse(value);
  if (!result.success) throw AppError.notFound(`${what} introuvable.`);
  return result.data.toLowerCase();
}

/** What each path id names, for the 404 message (« Contact introuvable. »). A new `{param}` needs its label here. */
export const PATH_ID_LABELS: Readonly<Record<string, string>> = {
  id: 'Client',
  contactId: 'Contact',
  vehicleId: 'Véhicule',
  noteId: 'Note',
  docId: 'Document',
  activityId: 'Activité',
  invoiceId: 'Facture',
  paymentId: 'Paiement',
  tagId: 'Étiquette',
  interventionId: 'Intervention',
  userId: 'Utilisateur',
  taskId: 'Tâche',
  viewId: 'Vue',
  templateId: 'Modèle d’e-mail',
  emailId: 'E-mail',
};

/** The `{name}` segments of a route path, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
}

/** Every id of a route path (`/api/customers/{id}/notes/{noteId}`), checked in order: a malformed one is a 404. */
export function parsePathIds(path: string, raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const name of pathParamNames(path)) ids[name] = parseId(raw[name], PATH_ID_LABELS[name]);
  return ids;
}
