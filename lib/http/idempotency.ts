import 'server-only';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { idempotencyKeys } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { type BodyDigest, digestBody, EMPTY_BODY, tapBody } from './idempotency-body';
import { errorResponse } from './responses';

/**
 * `Idempotency-Key` (README "API" → "Retries"; draft-ietf-httpapi-idempotency-key-header, as Stripe does
 * it): a POST, PUT, PATCH or DELETE sent again with the same key by the same caller gets the first
 * response back (`Idempotent-Replayed: true`) instead of acting twice. `withAuth` applies it to every
 * route, so no handler has to think about it.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a key and its response are kept (expired ones are ignored, then pruned). */
const TTL = sql`interval '24 hours'`;
/** A key still "running" after this long belongs to a process that died mid-request: it may be taken over. */
const ABANDONED = sql`interval '10 minutes'`;
/** Headers of the first response that a replay repeats (the body's type, a created resource's address). */
const KEPT_HEADERS = ['content-type', 'location'];
/** A response bigger than this (no mutation answers one) is not stored: the key is released. */
const MAX_STORED_BYTES = 1024 * 1024;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** The header's key for a mutating request; null when absent (or a read); 400 when malformed. */
export function idempotencyKeyOf(req: Request): string | null {
  if (!MUTATING.has(req.method.toUpperCase())) return null;
  const value = req.headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return null;
  if (!KEY.test(value))
    throw AppError.badRequest('En-tête Idempotency-Key invalide : 1 à 255 caractères ASCII visibles, sans espace.');
  return value;
}

const inProgress = () =>
  new AppError(
    'idempotency_in_progress',
    'Une requête avec la même clé d’idempotence est encore en cours : réessayez dans un instant.',
    undefined,
    { 'Retry-After': '1' },
  );
const mismatch = () =>
  new AppError(
    'idempotency_mismatch',
    'Cette clé d’idempotence a déjà servi pour une autre requête (méthode, adresse ou corps différents).',
  );

type Row = typeof idempotencyKeys.$inferSelect;
interface Scope {
  actorKind: 'user' | 'token';
  actorId: string;
  key: string;
}

const whereScope = (s: Scope) =>
  and(
    eq(idempotencyKeys.actorKind, s.actorKind),
    eq(idempotencyKeys.actorId, s.actorId),
    eq(idempotencyKeys.key, s.key),
  );
const expired = sql<boolean>`${idempotencyKeys.createdAt} < now() - ${TTL}`;
const abandoned = sql<boolean>`${idempotencyKeys.status} is null and ${idempotencyKeys.createdAt} < now() - ${ABANDONED}`;

/**
 * Runs `run` at most once per caller and key. The row is inserted before the handler runs (INSERT … ON
 * CONFLICT DO NOTHING): its primary key is the lock, so a second request with the key — on this instance
 * or another — finds it and gets a 409 while the first runs, the first response once it is done, or a
 * 422 when its method, path or body differ. `readsBody`: the route takes a body (JSON or multipart),
 * whose bytes are part of the fingerprint; a route without one ignores whatever is sent.
 */
export async function idempotent(
  db: Db,
  actor: Actor,
  key: string,
  req: Request,
  readsBody: boolean,
  run: (req: Request) => Promise<Response>,
): Promise<Response> {
  if (actor.kind === 'system' || !actor.id) return run(req);
  const scope: Scope = { actorKind: actor.kind, actorId: actor.id, key };
  const url = new URL(req.url);
  const target = { method: req.method.toUpperCase(), path: url.pathname + url.search };
  await pruneOccasionally(db);
  // Twice at most: an expired or abandoned row is deleted, then the insert is tried again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ ...scope, ...target })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length) return execute(db, scope, req, readsBody, run);
    const [row] = await db
      .select({ row: idempotencyKeys, stale: sql<boolean>`(${expired}) or (${abandoned})` })
      .from(idempotencyKeys)
      .where(whereScope(scope))
      .limit(1);
    if (!row) continue; // released (5xx) in between
    if (row.stale) {
      // Same condition in the DELETE: a row another request has just claimed afresh is left alone.
      await db.delete(idempotencyKeys).where(and(whereScope(scope), or(expired, abandoned)));
      continue;
    }
    if (row.row.status === null) throw inProgress();
    return replay(row.row, target, req, readsBody);
  }
  throw inProgress();
}

async function execute(
  db: Db,
  scope: Scope,
  req: Request,
  readsBody: boolean,
  run: (req: Request) => Promise<Response>,
): Promise<Response> {
  const tap = readsBody ? tapBody(req) : null;
  let response: Response;
  try {
    response = await run(tap?.request ?? req);
  } catch (error) {
    response = errorResponse(error);
  }
  const digest: BodyDigest | null = tap ? await tap.digest() : EMPTY_BODY;
  const release = () => db.delete(idempotencyKeys).where(whereScope(scope));
  // Not kept: a failure of ours or a transient refusal (a retry must be able to act), and a body the
  // handler did not read to its end (refused before or while reading: nothing was written).
  if (!digest || response.status >= 500 || response.status === 408 || response.status === 429) {
    await release();
    return response;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const answer = new Response(body.length ? body : null, { status: response.status, headers: response.headers });
  if (body.length > MAX_STORED_BYTES) {
    await release();
    return answer;
  }
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  try {
    await db
      .update(idempotencyKeys)
      .set({
        bodySha256: digest.sha256,
        bodyBytes: digest.bytes,
        status: response.status,
        responseHeaders: headers,
        responseBody: body,
        completedAt: new Date(),
      })
      .where(whereScope(scope));
  } catch (error) {
    // The handler has acted: its answer goes back. The key stays "running" until it is abandoned, so a
    // retry meanwhile gets a 409 rather than acting a second time.
    console.error('[idempotency] could not store the response', error);
  }
  return answer;
}

async function replay(
  row: Row,
  target: { method: string; path: string },
  req: Request,
  readsBody: boolean,
): Promise<Response> {
  if (row.method !== target.method || row.path !== target.path) throw mismatch();
  if (readsBody) {
    const digest = await digestBody(req, row.bodyBytes ?? 0);
    if (!digest || digest.sha256 !== row.bodySha256) throw mismatch();
  }
  const body = row.responseBody?.length ? new Uint8Array(row.responseBody) : null;
  return new Response(body, {
    status: row.status ?? 200,
    headers: { ...row.responseHeaders, 'cache-control': 'no-store', [REPLAYED_HEADER]: 'true' },
  });
}

/** Deletes the keys older than 24 h (they are already ignored); returns how many. */
export async function pruneIdempotencyKeys(db: Db): Promise<number> {
  const removed = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - ${TTL}`))
    .returning({ key: idempotencyKeys.key });
  return removed.length;
}

const pruneState = globalThis as unknown as { __c360IdempotencyPrunedAt?: number };

/** No scheduler in the app: the first keyed request every 10 minutes (per instance) clears the expired keys. */
async function pruneOccasionally(db: Db): Promise<void> {
  const now = Date.now();
  if (now - (pruneState.__c360IdempotencyPrunedAt ?? 0) < PRUNE_EVERY_MS) return;
  pruneState.__c360IdempotencyPrunedAt = now;
  await pruneIdempotencyKeys(db).catch((error) => console.error('[idempotency] prune failed', error));
}
