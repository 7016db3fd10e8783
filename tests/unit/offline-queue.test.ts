import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  clearItems,
  discardItem,
  enqueue,
  listItems,
  type NewItem,
  openQueue,
  type QueueDb,
  replay,
  retryItem,
} from '@/lib/offline/queue';

const ORIGIN = 'https://c360.test';
const USER = 'user-a';

let db: QueueDb;
let dbCount = 0;
beforeEach(async () => {
  db = await openQueue(`queue-test-${++dbCount}`);
});

const note = (body: string, userId = USER): NewItem => ({
  userId,
  kind: 'note',
  label: `Note ${body}`,
  method: 'POST',
  url: '/api/customers/c1/notes',
  body: { type: 'json', value: { body } },
});

interface Seen {
  url: string;
  method: string;
  key: string | null;
  body: string;
}

/** A server that answers each request with the next scripted answer (a thrown error = no network). */
function server(script: ((req: Request) => Response | Error)[] = []) {
  const seen: Seen[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const req = input as Request;
    const body = await req.clone().text();
    const step = script.shift();
    const answer = step ? step(req) : Response.json({ ok: true }, { status: 201 });
    if (answer instanceof Error) throw answer;
    seen.push({ url: new URL(req.url).pathname, method: req.method, key: req.headers.get('Idempotency-Key'), body });
    return answer;
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

const down = () => new TypeError('Failed to fetch');
const error = (status: number, code: string, message: string) => () =>
  Response.json({ error: { code, message } }, { status });

describe('offline queue', () => {
  it('replays in the order the items were saved, one Idempotency-Key each, then empties', async () => {
    const a = await enqueue(db, note('un'));
    const b = await enqueue(db, note('deux'));
    const c = await enqueue(db, note('trois'));
    const { fetch, seen } = server();
    const result = await replay(db, USER, { fetch, origin: ORIGIN });
    expect(result).toEqual({ sent: 3 });
    expect(seen.map((s) => JSON.parse(s.body).body)).toEqual(['un', 'deux', 'trois']);
    expect(seen.map((s) => s.key)).toEqual([a.id, b.id, c.id]);
    expect(new Set(seen.map((s) => s.key)).size).toBe(3);
    expect(await listItems(db, USER)).toEqual([]);
  });

  it('stops at a network failure mid-way and resumes with the same keys, without resending what went', async () => {
    const items = [await enqueue(db, note('un')), await enqueue(db, note('deux')), await enqueue(db, note('trois'))];
    const first = server([() => Response.json({}, { status: 201 }), down]);
    const stopped = await replay(db, USER, { fetch: first.fetch, origin: ORIGIN });
    expect(stopped.sent).toBe(1);
    expect(stopped.stopped).toMatch(/Réseau indisponible/);
    const left = await listItems(db, USER);
    expect(left.map((i) => i.id)).toEqual([items[1].id, items[2].id]);
    expect(left[0]).toMatchObject({ status: 'pending', attempts: 1, error: expect.stringMatching(/Réseau/) });

    const second = server();
    expect(await replay(db, USER, { fetch: second.fetch, origin: ORIGIN })).toEqual({ sent: 2 });
    expect(second.seen.map((s) => s.key)).toEqual([items[1].id, items[2].id]);
    expect(second.seen.map((s) => JSON.parse(s.body).body)).toEqual(['deux', 'trois']);
  });

  it('keeps the key when the server is still acting on it (409 idempotency_in_progress) or down (5xx)', async () => {
    const item = await enqueue(db, note('un'));
    const busy = server([error(409, 'idempotency_in_progress', 'Requête déjà en cours.')]);
    expect((await replay(db, USER, { fetch: busy.fetch, origin: ORIGIN })).stopped).toBe('Requête déjà en cours.');
    const broken = server([error(503, 'unavailable', 'Service indisponible.')]);
    await replay(db, USER, { fetch: broken.fetch, origin: ORIGIN });
    const ok = server();
    await replay(db, USER, { fetch: ok.fetch, origin: ORIGIN });
    expect([...busy.seen, ...broken.seen, ...ok.seen].map((s) => s.key)).toEqual([item.id, item.id, item.id]);
    expect(await listItems(db, USER)).toEqual([]);
  });

  it('marks refusals and conflicts with the server’s message, goes on with the next item, never drops them', async () => {
    await enqueue(db, note('refusée'));
    await enqueue(db, note('conflit'));
    await enqueue(db, note('bonne'));
    const { fetch, seen } = server([
      error(422, 'validation_error', 'La note est vide.'),
      error(409, 'conflict', 'L’intervention a été réassignée.'),
    ]);
    expect(await replay(db, USER, { fetch, origin: ORIGIN })).toEqual({ sent: 1 });
    expect(seen).toHaveLength(3);
    const left = await listItems(db, USER);
    expect(left.map((i) => [i.status, i.httpStatus, i.error])).toEqual([
      ['failed', 422, 'La note est vide.'],
      ['conflict', 409, 'L’intervention a été réassignée.'],
    ]);
    // A later replay leaves them alone: only the user retries or discards them.
    const again = server();
    await replay(db, USER, { fetch: again.fetch, origin: ORIGIN });
    expect(again.seen).toHaveLength(0);
    expect(await listItems(db, USER)).toHaveLength(2);
  });

  it('retry sends the same key again; discard removes only that item', async () => {
    const refused = await enqueue(db, note('un'));
    const other = await enqueue(db, note('deux'));
    await replay(db, USER, {
      fetch: server([error(404, 'not_found', 'Client introuvable.'), down]).fetch,
      origin: ORIGIN,
    });
    await retryItem(db, refused.id);
    expect((await listItems(db, USER))[0]).toMatchObject({ status: 'pending', error: undefined });
    const { fetch, seen } = server([error(404, 'not_found', 'Client introuvable.'), down]);
    await replay(db, USER, { fetch, origin: ORIGIN });
    expect(seen[0].key).toBe(refused.id);
    await discardItem(db, refused.id);
    expect((await listItems(db, USER)).map((i) => i.id)).toEqual([other.id]);
  });

  it('moves later items of the same record to the version the earlier one produced', async () => {
    const version = { target: 'iv-1', updatedAt: '2026-03-12T09:00:00.000Z' };
    const base = { userId: USER, label: 'Intervention', method: 'POST' as const, version };
    await enqueue(db, {
      ...base,
      kind: 'intervention-start',
      url: '/s',
      body: { type: 'json', value: { updatedAt: version.updatedAt } },
    });
    await enqueue(db, {
      ...base,
      kind: 'intervention-complete',
      url: '/c',
      body: { type: 'json', value: { updatedAt: version.updatedAt, workDone: 'Vidange' } },
    });
    const { fetch, seen } = server([() => Response.json({ updatedAt: '2026-03-12T09:05:00.000Z' })]);
    await replay(db, USER, { fetch, origin: ORIGIN });
    expect(JSON.parse(seen[1].body)).toEqual({ updatedAt: '2026-03-12T09:05:00.000Z', workDone: 'Vidange' });
  });

  it('sends uploads as multipart with the blob kept in IndexedDB', async () => {
    await enqueue(db, {
      userId: USER,
      kind: 'upload',
      label: 'Photo',
      method: 'POST',
      url: '/api/customers/c1/documents',
      body: {
        type: 'form',
        fields: { interventionId: 'iv-1', category: 'photo' },
        file: { blob: new Blob(['png']), name: 'p.png' },
      },
    });
    const { fetch, seen } = server();
    await replay(db, USER, { fetch, origin: ORIGIN });
    expect(seen[0].body).toContain('name="file"; filename="p.png"');
    expect(seen[0].body).toContain('name="interventionId"');
  });

  it('clears one user’s items on sign-out, every other user’s on a user switch', async () => {
    await enqueue(db, note('a1'));
    await enqueue(db, note('b1', 'user-b'));
    await enqueue(db, note('c1', 'user-c'));
    expect(await clearItems(db, { userId: USER })).toBe(1);
    expect(await listItems(db, USER)).toEqual([]);
    expect(await clearItems(db, { except: 'user-c' })).toBe(1);
    expect(await listItems(db, 'user-b')).toEqual([]);
    expect((await listItems(db, 'user-c')).map((i) => i.label)).toEqual(['Note c1']);
    // Another user's replay never sends them.
    const { fetch, seen } = server();
    await replay(db, 'user-b', { fetch, origin: ORIGIN });
    expect(seen).toHaveLength(0);
  });
});
