/**
 * The last customers a user opened, kept in this browser's localStorage under a key per user id (two
 * people sharing a workstation do not see each other's list). Read by the search dialog when its
 * field is empty; written by the customer page (RememberCustomer). Never throws: storage may be full,
 * disabled or hold anything.
 */
export interface RecentCustomer {
  id: string;
  label: string;
  secondary: string;
  href: string;
}

export const MAX_RECENT = 8;
const keyFor = (userId: string) => `c360:recent-customers:${userId}`;

function isRecent(v: unknown): v is RecentCustomer {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.id === 'string' &&
    typeof r.label === 'string' &&
    typeof r.secondary === 'string' &&
    typeof r.href === 'string' &&
    // Only links inside the app: a tampered entry must not become an open redirect.
    r.href.startsWith('/customers/')
  );
}

export function readRecentCustomers(userId: string): RecentCustomer[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyFor(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

function write(userId: string, list: RecentCustomer[]) {
  try {
    localStorage.setItem(keyFor(userId), JSON.stringify(list.slice(0, MAX_RECENT)));
  } catch {
    // Storage full or disabled: the recent list is a convenience, nothing to report.
  }
}

/** Moves (or adds) the customer to the front. */
export function rememberCustomer(userId: string, entry: RecentCustomer): void {
  write(userId, [entry, ...readRecentCustomers(userId).filter((r) => r.id !== entry.id)]);
}

/** An erased customer leaves the list: its former name must not stay on screen. */
export function forgetCustomer(userId: string, customerId: string): void {
  const list = readRecentCustomers(userId);
  if (list.some((r) => r.id === customerId))
    write(
      userId,
      list.filter((r) => r.id !== customerId),
    );
}
