/**
 * Calls a Next.js route handler directly, as the framework would: a real Request, params as a
 * Promise. Returns status, headers and the parsed JSON body (or text).
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  query?: Record<string, string | string[]>;
  auth?: string | null;
  body?: unknown;
  rawBody?: string | Uint8Array | FormData;
  headers?: Record<string, string>;
}

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(handler: Handler, opts: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(`http://localhost${opts.path ?? '/api/test'}`);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    for (const value of Array.isArray(v) ? v : [v]) url.searchParams.append(k, value);
  }
  const headers = new Headers(opts.headers);
  if (opts.auth) headers.set('authorization', opts.auth);
  let body: BodyInit | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody as BodyInit;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('content-type', 'application/json');
  }
  const req = new Request(url, { method: opts.method ?? 'GET', headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  if (res.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/**
 * Sends `rawBody` as-is, declared `application/json` (malformed JSON, a non-object body): what the
 * route must refuse with a 400 before reading anything (a body of another type is a 415, tested in
 * tests/security). POST unless `opts.method` says otherwise.
 */
export function callRawJson<T = any>(
  handler: Handler,
  rawBody: string,
  opts: Omit<CallOptions, 'body' | 'rawBody'> = {},
): Promise<CallResult<T>> {
  return call<T>(handler, {
    method: 'POST',
    ...opts,
    rawBody,
    headers: { ...opts.headers, 'content-type': 'application/json' },
  });
}
