import 'server-only';
import { getDb } from '@/db';
import { firstPageOnBadCursor } from '@/lib/pagination';
import { eventListQuerySchema, listUserEvents } from './events';
import { getUser, listUsers } from './queries';
import { userListQuerySchema } from './schema';

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** Admin → Utilisateurs: filters from the URL; an unknown value is ignored rather than an error page. */
export async function loadUsers(params: SearchParams) {
  const raw = { q: first(params.q), role: first(params.role), status: first(params.status) };
  const parsed = userListQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  return { query, users: await listUsers(getDb(), query) };
}

/** Admin → Journal: filters and the keyset cursor from the URL. */
export async function loadJournal(params: SearchParams) {
  const raw = {
    group: first(params.group),
    event: first(params.event),
    q: first(params.q),
    since: first(params.since),
  };
  const parsed = eventListQuerySchema.omit({ cursor: true, limit: true }).safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const page = await firstPageOnBadCursor(
    (cursor) => listUserEvents(getDb(), { ...filters, cursor, limit: 50 }),
    first(params.cursor),
  );
  return { filters, page };
}

/** Mon compte: what the forms show (never the hash itself). */
export async function loadAccount(userId: string) {
  const user = await getUser(getDb(), userId);
  if (!user) throw new Error('signed-in user not found');
  return { name: user.name, email: user.email, hasPassword: Boolean(user.passwordHash) };
}
