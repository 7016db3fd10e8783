/**
 * Queued writes (browser-only, no server import): what a technician saves without a network is kept in
 * IndexedDB and replayed in order through the JSON API once the connection is back. Each item carries
 * its own Idempotency-Key (its id, a UUID made once): a retry after a request that reached the server
 * but whose answer was lost returns the first answer instead of acting twice.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export const QUEUE_DB_NAME = 'c360-offline';

export type QueueKind =
  'note' | 'activity' | 'intervention-start' | 'intervention-report' | 'intervention-complete' | 'upload' | 'consent';

export type QueueBody =
  | { type: 'json'; value: Record<string, unknown> }
  | { type: 'form'; fields: Record<string, string>; file: { blob: Blob; name: string } };

/**
 * pending: waits for its turn (or for the network); failed: refused by the server (4xx), kept until the
 * user retries or discards it; conflict: its target moved on (409/404/410), shown as such.
 */
export type QueueStatus = 'pending' | 'sending' | 'failed' | 'conflict';

export interface QueuedItem {
  /** Also the Idempotency-Key: stable across every retry of this item. */
  id: string;
  seq?: number;
  userId: string;
  kind: QueueKind;
  /** What the user sees in the list (« Note pour Martin Dupont »). */
  label: string;
  method: 'POST' | 'PATCH';
  url: string;
  body: QueueBody;
  /**
   * The record version this write is based on (`updatedAt`, what the user saw): when an earlier item
   * of the same target succeeds, later ones based on the same version move to the new one — the user
   * made them one after the other — instead of failing as stale.
   */
  version?: { target: string; updatedAt: string };
  status: QueueStatus;
  attempts: number;
  /** The server's (French) reason, or the network one. */
  error?: string;
  httpStatus?: number;
  createdAt: number;
}

export type NewItem = Pick<QueuedItem, 'userId' | 'kind' | 'label' | 'method' | 'url' | 'body' | 'version'>;

interface QueueSchema extends DBSchema {
  items: { key: number; value: QueuedItem; indexes: { 'by-id': string; 'by-user': string } };
}

export type QueueDb = IDBPDatabase<QueueSchema>;

export function openQueue(name = QUEUE_DB_NAME): Promise<QueueDb> {
  return openDB<QueueSchema>(name, 1, {
    upgrade(db) {
      // Auto-increment key = the order the user saved things in: the replay order.
      const store = db.createObjectStore('items', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('by-id', 'id', { unique: true });
      store.createIndex('by-user', 'userId');
    },
  });
}

export async function enqueue(db: QueueDb, input: NewItem, id: string = crypto.randomUUID()): Promise<QueuedItem> {
  const item: QueuedItem = { ...input, id, status: 'pending', attempts: 0, createdAt: Date.now() };
  item.seq = await db.add('items', item);
  return item;
}

/** The user's items, oldest first. */
export async function listItems(db: QueueDb, userId: string): Promise<QueuedItem[]> {
  const items = await db.getAllFromIndex('items', 'by-user', userId);
  return items.sort((a, b) => a.seq! - b.seq!);
}

async function update(db: QueueDb, id: string, patch: Partial<QueuedItem>): Promise<void> {
  const tx = db.transaction('items', 'readwrite');
  const item = await tx.store.index('by-id').get(id);
  if (item) await tx.store.put({ ...item, ...patch });
  await tx.done;
}

/** « Réessayer »: back in line, with the same Idempotency-Key. */
export function retryItem(db: QueueDb, id: string): Promise<void> {
  return update(db, id, { status: 'pending', error: undefined, httpStatus: undefined });
}

/** « Abandonner »: only ever on the user's request. */
export async function discardItem(db: QueueDb, id: string): Promise<void> {
  const key = await db.getKeyFromIndex('items', 'by-id', id);
  if (key !== undefined) await db.delete('items', key);
}

/** Sign-out: the user's unsent items go with their session. `except`: keep this user's (user switch). */
export async function clearItems(db: QueueDb, which: { userId: string } | { except: string }): Promise<number> {
  const tx = db.transaction('items', 'readwrite');
  let removed = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const owner = cursor.value.userId;
    if ('userId' in which ? owner === which.userId : owner !== which.except) {
      await cursor.delete();
      removed++;
    }
  }
  await tx.done;
  return removed;
}

export type SendOutcome =
  | { kind: 'done'; updatedAt?: string }
  /** Network down, server busy, session expired: stop here and keep the order. */
  | { kind: 'transient'; message: string; status?: number }
  | { kind: 'failed' | 'conflict'; message: string; status: number };

const NETWORK_MESSAGE = 'Réseau indisponible : nouvel essai au retour de la connexion.';

/** Builds the request of one item: the Idempotency-Key header, JSON or multipart body. */
export function toRequest(item: QueuedItem, origin: string): Request {
  const headers = new Headers({ 'Idempotency-Key': item.id });
  let body: BodyInit;
  if (item.body.type === 'json') {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(item.body.value);
  } else {
    const form = new FormData();
    form.append('file', item.body.file.blob, item.body.file.name);
    for (const [k, v] of Object.entries(item.body.fields)) form.append(k, v);
    body = form;
  }
  return new Request(new URL(item.url, origin), { method: item.method, headers, body, credentials: 'same-origin' });
}

async function errorMessage(res: Response): Promise<{ code?: string; message?: string }> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return body?.error ?? {};
}

export async function send(item: QueuedItem, fetchImpl: typeof fetch, origin: string): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetchImpl(toRequest(item, origin));
  } catch {
    return { kind: 'transient', message: NETWORK_MESSAGE };
  }
  if (res.ok) {
    const body = (await res.json().catch(() => null)) as { updatedAt?: unknown } | null;
    return { kind: 'done', updatedAt: typeof body?.updatedAt === 'string' ? body.updatedAt : undefined };
  }
  const { code, message } = await errorMessage(res);
  const status = res.status;
  // The same key is still being acted on (an earlier attempt whose answer was lost): wait for it.
  if (status === 409 && code === 'idempotency_in_progress')
    return { kind: 'transient', status, message: message ?? 'Envoi précédent encore en cours.' };
  if (status === 401) return { kind: 'transient', status, message: 'Session expirée : reconnectez-vous pour envoyer.' };
  if (status >= 500 || status === 429 || status === 408)
    return { kind: 'transient', status, message: message ?? `Serveur indisponible (HTTP ${status}).` };
  if (status === 409 || status === 404 || status === 410)
    return { kind: 'conflict', status, message: message ?? `Conflit (HTTP ${status}).` };
  return { kind: 'failed', status, message: message ?? `Envoi refusé (HTTP ${status}).` };
}

export interface ReplayResult {
  sent: number;
  /** Set when the replay stopped early (network or server down): the rest stays in line. */
  stopped?: string;
}

/**
 * Sends the user's pending items one by one, in the order they were saved. A network failure stops
 * the replay (order kept, same keys next time); a refusal marks that item and moves on.
 */
export async function replay(
  db: QueueDb,
  userId: string,
  options: { fetch: typeof fetch; origin: string; onChange?: () => void },
): Promise<ReplayResult> {
  let sent = 0;
  for (const item of await listItems(db, userId)) {
    if (item.status !== 'pending' && item.status !== 'sending') continue;
    // Re-read: an earlier success may have moved this item to a newer version.
    const current = await db.getFromIndex('items', 'by-id', item.id);
    if (!current) continue;
    await update(db, item.id, { status: 'sending', attempts: current.attempts + 1 });
    options.onChange?.();
    const outcome = await send(current, options.fetch, options.origin);
    if (outcome.kind === 'done') {
      await discardItem(db, item.id);
      if (current.version && outcome.updatedAt) await rebase(db, userId, current.version, outcome.updatedAt);
      sent++;
      options.onChange?.();
      continue;
    }
    if (outcome.kind === 'transient') {
      await update(db, item.id, { status: 'pending', error: outcome.message, httpStatus: outcome.status });
      options.onChange?.();
      return { sent, stopped: outcome.message };
    }
    await update(db, item.id, { status: outcome.kind, error: outcome.message, httpStatus: outcome.status });
    options.onChange?.();
  }
  return { sent };
}

/** Later items of the same target, based on the version the user saw, follow the new one. */
async function rebase(db: QueueDb, userId: string, from: { target: string; updatedAt: string }, to: string) {
  const tx = db.transaction('items', 'readwrite');
  for (const item of await tx.store.index('by-user').getAll(userId)) {
    if (item.version?.target !== from.target || item.version.updatedAt !== from.updatedAt) continue;
    const version = { target: from.target, updatedAt: to };
    const body =
      item.body.type === 'json' && 'updatedAt' in item.body.value
        ? { type: 'json' as const, value: { ...item.body.value, updatedAt: to } }
        : item.body;
    await tx.store.put({ ...item, version, body });
  }
  await tx.done;
}
