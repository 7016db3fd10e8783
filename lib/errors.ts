import { ZodError } from 'zod';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'request_timeout'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'consent_missing'
  | 'erased_person'
  | 'idempotency_in_progress'
  | 'idempotency_mismatch'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  consent_missing: 403,
  not_found: 404,
  conflict: 409,
  erased_person: 409,
  idempotency_in_progress: 409,
  request_timeout: 408,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal_error: 500,
};

/** Every code, for the OpenAPI document's error schema. */
export const ERROR_CODES = Object.keys(STATUS) as ErrorCode[];

export type FieldErrors = Record<string, string[]>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

/** A failure the caller can understand and act on. Anything else is a 500 without details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  static badRequest(message = 'Requête invalide.') {
    return new AppError('bad_request', message);
  }
  static unauthorized(message = 'Authentification requise.') {
    return new AppError('unauthorized', message);
  }
  static forbidden(message = "Vous n'avez pas le droit d'effectuer cette action.") {
    return new AppError('forbidden', message);
  }
  static notFound(message = 'Ressource introuvable.') {
    return new AppError('not_found', message);
  }
  static conflict(message: string, fields?: FieldErrors) {
    return new AppError('conflict', message, fields);
  }
  static validation(fields: FieldErrors, message = 'Certains champs sont invalides.') {
    return new AppError('validation_failed', message, fields);
  }
  static rateLimited(retryAfterSeconds: number) {
    return new AppError('rate_limited', 'Trop de tentatives. Réessayez plus tard.', undefined, {
      'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))),
    });
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

/** Zod issues → `{ field: [messages] }`, keyed by the dotted path ("_" for the root). */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

/** PostgreSQL unique violation (23505) from either driver, possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown): { constraint?: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (e.code === '23505') return { constraint: e.constraint ?? e.constraint_name };
    current = e.cause;
  }
  return null;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return AppError.validation(zodFieldErrors(error));
  if (isUniqueViolation(error)) return AppError.conflict('Cette valeur existe déjà.');
  return new AppError('internal_error', 'Une erreur interne est survenue.');
}
