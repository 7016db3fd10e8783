import { beforeEach, describe, expect, it } from 'vitest';
import {
  forgetCustomer,
  MAX_RECENT,
  readRecentCustomers,
  rememberCustomer,
} from '@/components/search/recent-customers';

const store = new Map<string, string>();
beforeEach(() => {
  store.clear();
  globalThis.localStorage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
  } as Storage;
});

const entry = (n: number) => ({
  id: `c${n}`,
  label: `Client ${n}`,
  secondary: `C-00000${n}`,
  href: `/customers/c${n}`,
});

describe('recent customers (search dialog, empty field)', () => {
  it('keeps the last 8 opened, newest first, without duplicates', () => {
    for (let n = 1; n <= 10; n++) rememberCustomer('u1', entry(n));
    rememberCustomer('u1', entry(5));
    const list = readRecentCustomers('u1');
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.map((r) => r.id)).toEqual(['c5', 'c10', 'c9', 'c8', 'c7', 'c6', 'c4', 'c3']);
  });

  it('is per user id', () => {
    rememberCustomer('u1', entry(1));
    expect(readRecentCustomers('u2')).toEqual([]);
  });

  it('forgets an erased customer', () => {
    rememberCustomer('u1', entry(1));
    rememberCustomer('u1', entry(2));
    forgetCustomer('u1', 'c1');
    expect(readRecentCustomers('u1').map((r) => r.id)).toEqual(['c2']);
  });

  it('ignores tampered or broken storage (no link outside the customer pages)', () => {
    store.set(
      'c360:recent-customers:u1',
      JSON.stringify([{ ...entry(1), href: 'https://evil.example' }, entry(2), { id: 3 }]),
    );
    expect(readRecentCustomers('u1').map((r) => r.id)).toEqual(['c2']);
    store.set('c360:recent-customers:u1', '{not json');
    expect(readRecentCustomers('u1')).toEqual([]);
  });
});
