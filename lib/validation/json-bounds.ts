import { z } from 'zod';

/**
 * Bounds for untrusted JSON, checked by one iterative walk that stops at the first excess, so its
 * cost is bounded by `maxValues` whatever the input. It runs BEFORE any recursive validation
 * (zod's `z.json()`, `JSON.stringify`): 3,000 nested levels used to overflow the stack there and
 * answer 500. README "Security notes" → "Request bodies".
 */
export interface JsonBounds {
  /** Containers (objects, arrays) on the deepest path, the root included: `{a: {b: 1}}` is 2. */
  maxDepth: number;
  /** Every value counted once: containers, keys' values and array items. */
  maxValues: number;
  /** UTF-8 size of the JSON text; checked only once depth and count are known to be small. */
  maxBytes?: number;
}

/** Free JSON fields (activity metadata): small enough to show in a timeline. */
export const FREE_JSON_BOUNDS: JsonBounds = { maxDepth: 3, maxValues: 500, maxBytes: 4096 };
/** Any JSON request body (lib/http/parse.ts), on top of MAX_JSON_KB. */
export const BODY_JSON_BOUNDS: JsonBounds = { maxDepth: 32, maxValues: 20_000 };

export interface JsonBoundsProblem {
  message: string;
  /** The top-level key under which the excess was found (undefined: the root itself). */
  field?: string;
}

/** The first bound exceeded (a French message and where); null when the value fits. */
export function findJsonBoundsProblem(value: unknown, bounds: JsonBounds): JsonBoundsProblem | null {
  const stack: [unknown, number, string | undefined][] = [[value, 0, undefined]];
  let values = 0;
  while (stack.length) {
    const [v, depth, field] = stack.pop()!;
    if (++values > bounds.maxValues) return { message: `Trop de valeurs (maximum ${bounds.maxValues}).`, field };
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > bounds.maxDepth) {
      return { message: `Données trop imbriquées (profondeur maximale ${bounds.maxDepth}).`, field };
    }
    for (const [key, child] of Object.entries(v)) stack.push([child, depth + 1, depth === 0 ? key : field]);
  }
  if (bounds.maxBytes != null) {
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (bytes > bounds.maxBytes) {
      return { message: `Données trop volumineuses (maximum ${Math.round(bounds.maxBytes / 1024)} Ko).` };
    }
  }
  return null;
}

export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  return findJsonBoundsProblem(value, bounds)?.message ?? null;
}

/**
 * A free JSON field: the bounds first (a 422 on the field), and only then `schema`. The check is a
 * preprocess step, so the OpenAPI document still shows `schema` itself.
 */
export function boundedJson<S extends z.ZodType>(schema: S, bounds: JsonBounds = FREE_JSON_BOUNDS) {
  return z.preprocess((value, ctx) => {
    const problem = jsonBoundsProblem(value, bounds);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem, input: value });
      return z.NEVER;
    }
    return value;
  }, schema);
}
