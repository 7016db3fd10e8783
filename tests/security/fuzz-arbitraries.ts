import fc from 'fast-check';
import { z } from 'zod';

/**
 * Hostile inputs for the fuzz suite: wrong types, huge strings, unicode (NUL, RTL, lone
 * surrogates, emoji), extreme numbers, SQL and script payloads, deep JSON, bad cursors, bad ids.
 */

export const HUGE = 'A'.repeat(100_000);

export function deepObject(depth: number): unknown {
  let v: unknown = 'fond';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

export function deepArray(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

export const hostileString = fc.constantFrom(
  "' OR 1=1 --",
  "'; DROP TABLE customers; --",
  '" OR ""="',
  '1); SELECT pg_sleep(5); --',
  '%',
  '_%\\',
  '$1',
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","x")',
  '{{7*7}}${7*7}',
  '\u0000',
  'a\u0000b',
  '\u202Efdp.exe',
  '\u200F\u200E\u202B',
  'مرحبا بالعالم',
  '🚗💥👨‍👩‍👧‍👦',
  '\uD800',
  '\uDFFF\uD800',
  '../../etc/passwd',
  '..\\..\\boot.ini',
  '%00',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e309',
  '0x10',
  ' ',
  '',
  '\n\r\t\v\f',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '2026-02-30',
  '2026-13-45T25:61:61Z',
  '9999-12-31T23:59:59Z',
  '-271821-04-20T00:00:00Z',
  '00000000-0000-0000-0000-000000000000',
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    -1.5,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    -1e308,
    1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    1e-320,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Control characters inside otherwise ordinary text (PostgreSQL text cannot hold NUL). */
export const controlString = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('\u0000', '\u0001', '\u001b[31m', '\u007f', '\u0085', '\uFFFF', '\uD800'),
    fc.string({ maxLength: 8 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);

const leaf = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: controlString },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: leaf },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(deepObject(1000), deepArray(1000)) },
);

/** Property names of a zod schema's input (objects, unions, pipes), read from its JSON schema. */
export function schemaKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const keys = new Set<string>();
  const visit = (s: Record<string, unknown> | undefined) => {
    if (!s || typeof s !== 'object') return;
    for (const k of Object.keys((s.properties as object) ?? {})) keys.add(k);
    for (const branch of ['anyOf', 'oneOf', 'allOf'] as const)
      for (const b of (s[branch] as Record<string, unknown>[]) ?? []) visit(b);
  };
  try {
    visit(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
  } catch {
    // A schema JSON Schema cannot describe: fuzz with unknown keys only.
  }
  return [...keys];
}

export type BodyCase =
  { kind: 'raw'; text: string; contentType: string } | { kind: 'json'; value: unknown; mustFail: boolean };

const rawJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"a":',
    "{'a':1}",
    '[1,2',
    'NaN',
    '{"a":1,}',
    '\u0000',
    '{"a":1}{"b":2}',
    '<?xml version="1.0"?><a/>',
    '{"a":"\\ud800"}',
    '{"name":"\\u0000"}',
    '{"__proto__":{"admin":true}}',
    '\uFEFF{}',
  ),
  fc.string({ maxLength: 200, unit: 'binary' }),
);

/** A JSON body: raw invalid text, a non-object, a deep document, or the schema's keys with hostile values. */
export function bodyCase(keys: string[]): fc.Arbitrary<BodyCase> {
  const known = keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 10 });
  const objectBody = fc
    .tuple(
      fc.dictionary(known, hostileValue, { maxKeys: Math.max(1, keys.length) }),
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'id', 'customerId', 'createdAt', 'role', 'deletedAt', 'zzz'),
        hostileValue,
        { maxKeys: 2 },
      ),
    )
    .map(([a, b]) => ({ ...b, ...a }));
  return fc.oneof(
    { weight: 2, arbitrary: rawJson.map((text) => ({ kind: 'raw' as const, text, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
        )
        .map((contentType) => ({ kind: 'raw' as const, text: 'a=1&b=2', contentType })),
    },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.array(hostileValue, { maxLength: 3 }),
          hostileNumber,
          hostileString,
          fc.constant(null),
          fc.constant(deepArray(1000)),
        )
        .map((value) => ({ kind: 'json' as const, value, mustFail: true })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'json' as const, value: deepObject(1000), mustFail: false }) },
    { weight: 8, arbitrary: objectBody.map((value) => ({ kind: 'json' as const, value, mustFail: false })) },
  );
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

export const badCursor = fc.oneof(
  fc.constantFrom(
    '!!!',
    'eyJ9',
    '=',
    'null',
    HUGE,
    b64('{}'),
    b64('[]'),
    b64('null'),
    b64('{"t":"x","id":"y"}'),
    b64('{"t":"2026-01-01T00:00:00Z","id":"\' OR 1=1 --"}'),
    b64('["9999-99-99","not-a-uuid"]'),
    b64(JSON.stringify(deepObject(500))),
  ),
  fc.string({ maxLength: 60 }).map(b64),
  fc.string({ maxLength: 60, unit: 'binary' }),
);

const queryValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 2, arbitrary: hostileNumber.map(String) },
  { weight: 1, arbitrary: fc.constant(HUGE) },
  { weight: 1, arbitrary: badCursor },
);

/** Declared query params with hostile values (sometimes repeated), plus unknown params and bad cursors. */
export function queryCase(keys: string[]): fc.Arbitrary<Record<string, string | string[]>> {
  const known = keys.length ? fc.constantFrom(...keys, 'cursor', 'limit') : fc.constantFrom('cursor', 'limit', 'q');
  return fc
    .tuple(
      fc.dictionary(
        known,
        fc.oneof(
          { weight: 4, arbitrary: queryValue },
          { weight: 1, arbitrary: fc.array(queryValue, { minLength: 2, maxLength: 3 }) },
        ),
        { minKeys: 1, maxKeys: 4 },
      ),
      fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'debug', 'admin', '', 'x[]', 'limit[$gt]'),
        queryValue,
        { maxKeys: 2 },
      ),
    )
    .map(([a, b]) => ({ ...b, ...a }));
}

/** Path ids that name nothing: non-uuids, uuids of nothing, traversal, very long, control characters. */
export const badId = fc.oneof(
  fc.constantFrom(
    '..',
    '../',
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '\u0000',
    'null',
    'undefined',
    '0',
    '-1',
    '1e9',
    "' OR 1=1 --",
    '<script>',
    ' ',
    '',
    'A'.repeat(10_000),
    '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-0000-0000-000000000000}',
  ),
  fc.uuid(),
  fc.uuid().map((u) => ` ${u} `),
  fc.uuid().map((u) => `${u}/../..`),
  fc.string({ maxLength: 50, unit: 'binary' }),
);

/**
 * `Idempotency-Key` values: valid ones (some reused across runs, so replays and 422 mismatches happen) and
 * malformed ones a client can still send (empty, 256 characters, spaces, controls, Latin-1, a list).
 * Headers cannot carry NUL, CR, LF or characters above U+00FF, so those are not generated.
 */
export const idempotencyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('fuzz-key-1', 'fuzz-key-2', '~'.repeat(255)) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.stringMatching(/^[\x21-\x7e]{1,40}$/) },
  {
    weight: 4,
    arbitrary: fc.oneof(
      fc.constantFrom('a'.repeat(256), 'a b', 'a\tb', 'clé', '\x7f', 'a,b c', "' OR 1=1 --", '\u00a0x'),
      fc
        .string({
          minLength: 1,
          maxLength: 20,
          unit: fc.integer({ min: 1, max: 0xff }).map((c) => String.fromCharCode(c)),
        })
        .filter((v) => !/[\r\n]/.test(v) && v.trim() !== ''),
    ),
  },
);

/** What the server must accept as a key (README "API" → "Retries"). */
export const isValidIdempotencyKey = (key: string) => /^[\x21-\x7e]{1,255}$/.test(key.trim());
