import { AppError, toAppError } from '@/lib/errors';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(data), {
    status: init.status ?? 200,
    headers: { ...JSON_HEADERS, ...init.headers },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}

/** The only place an exception becomes an HTTP answer: AppErrors keep their code, anything else is a bare 500. */
export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === 'internal_error') console.error('[api] unexpected error', error);
  return json(appError.toBody(), { status: appError.status, headers: appError.headers });
}

export { AppError };
