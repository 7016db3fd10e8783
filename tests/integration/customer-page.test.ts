import { eq } from 'drizzle-orm';
import { isHTTPAccessFallbackError } from 'next/dist/client/components/http-access-fallback/http-access-fallback';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db';
import { customerNotes, customers } from '@/db/schema';
import type { Role } from '@/lib/auth/permissions';
import { loadConsentsTab } from '@/lib/consents/compliance';
import { loadConsentState } from '@/lib/consents/queries';
import { customerPage } from '@/lib/customers/page';
import { listDocuments, loadDocumentTotals } from '@/lib/documents/queries';
import type { AppError } from '@/lib/errors';
import { loadFinancesTab } from '@/lib/finances/queries';
import { loadProfileNotes } from '@/lib/notes/queries';
import { actorFor, createCustomer, createUser } from '../factories';
import { insertConsentEvent, insertDocument } from '../factories/consents';
import { insertInvoice } from '../factories/finances';

// The real session code (lib/auth/session.ts) runs against the real users table; only the cookie
// (next-auth) and the request headers are stood in for.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/config', () => ({
  auth: async () => (session.userId ? { user: { id: session.userId } } : null),
}));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'vitest' }) }));

const users = {} as Record<Role, Awaited<ReturnType<typeof createUser>>>;
beforeAll(async () => {
  for (const role of ['admin', 'manager', 'technician', 'viewer'] as const) users[role] = await createUser(role);
});

const props = (id: string, searchParams: Record<string, string> = {}) => ({
  params: Promise.resolve({ id }),
  searchParams: Promise.resolve(searchParams),
});

/** What a page entry threw: 'redirect:<url>', 'not-found', or the error itself. */
async function outcome(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
    return 'ok';
  } catch (error) {
    if (isRedirectError(error)) return `redirect:${getURLFromRedirectError(error)}`;
    if (isHTTPAccessFallbackError(error)) return 'not-found';
    return error;
  }
}

describe('customerPage', () => {
  it('resolves actor, parsed id, query and abilities for a tab page', async () => {
    const customer = await createCustomer();
    session.userId = users.technician.id;
    const page = await customerPage(props(customer.id.toUpperCase(), { category: 'contract' }));
    expect(page.id).toBe(customer.id);
    expect(page.query).toEqual({ category: 'contract' });
    expect(page.actor).toMatchObject({ kind: 'user', id: users.technician.id, role: 'technician' });
    expect(page.customer.id).toBe(customer.id);
    expect(page.abilities).toMatchObject({
      fieldUpdate: true,
      update: false,
      financeRead: false,
      documentUpload: true,
    });
  });

  it('sends the signed-out to the login page and a role without the permission to /forbidden', async () => {
    const customer = await createCustomer();
    session.userId = null;
    expect(await outcome(customerPage(props(customer.id)))).toBe('redirect:/login');
    session.userId = users.technician.id;
    expect(await outcome(customerPage(props(customer.id), 'finance.read'))).toBe('redirect:/forbidden');
    session.userId = users.viewer.id;
    expect(await outcome(customerPage(props(customer.id), 'finance.read'))).toBe('ok');
  });

  it('renders the not-found page for a malformed or unknown id', async () => {
    session.userId = users.admin.id;
    expect(await outcome(customerPage(props('not-a-uuid')))).toBe('not-found');
    expect(await outcome(customerPage(props('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9')))).toBe('not-found');
  });

  it('gives no write ability on an erased customer, even to an admin', async () => {
    const customer = await createCustomer();
    await getDb().update(customers).set({ erasedAt: new Date() }).where(eq(customers.id, customer.id));
    session.userId = users.admin.id;
    const { abilities } = await customerPage(props(customer.id));
    expect(abilities).toMatchObject({ update: false, fieldUpdate: false, delete: false, financeWrite: false });
    expect(abilities).toMatchObject({ financeRead: true, analyticsRead: true });
  });
});

describe('tab loaders', () => {
  it('count the documents each role may see, as the documents list does', async () => {
    const customer = await createCustomer();
    await insertDocument(customer.id, { minRole: 'viewer', sizeBytes: 1000 });
    await insertDocument(customer.id, { minRole: 'technician', sizeBytes: 2000 });
    await insertDocument(customer.id, { minRole: 'manager', sizeBytes: 4000 });
    await insertDocument(customer.id, { minRole: 'viewer', sizeBytes: 8000, deletedAt: new Date() });
    const expected: Record<Role, [number, number]> = {
      viewer: [1, 1000],
      technician: [2, 3000],
      manager: [3, 7000],
      admin: [3, 7000],
    };
    for (const [role, [count, bytes]] of Object.entries(expected) as [Role, [number, number]][]) {
      const totals = await loadDocumentTotals(customer.id, role);
      expect([totals.count, totals.totalBytes], role).toEqual([count, bytes]);
      const { stats } = await listDocuments(getDb(), customer.id, {}, actorFor(users[role]));
      expect(stats, role).toEqual(totals);
    }
  });

  it('give the 360 block the same consent state as the consents tab', async () => {
    const customer = await createCustomer();
    await insertConsentEvent(customer.id, { occurredAt: new Date('2025-01-01T00:00:00Z') });
    await insertConsentEvent(customer.id, { granted: false, occurredAt: new Date('2025-06-01T00:00:00Z') });
    await insertConsentEvent(customer.id, { channel: 'sms', occurredAt: new Date('2025-02-01T00:00:00Z') });
    const grid = await loadConsentState(customer.id);
    expect(grid.marketing.email.state).toBe('withdrawn');
    expect(grid.marketing.sms.state).toBe('granted');
    const tab = await loadConsentsTab(customer.id, 'admin', undefined);
    expect(tab.state).toEqual(grid);
  });

  it('show the first history page for a stale consent cursor', async () => {
    const customer = await createCustomer();
    await insertConsentEvent(customer.id);
    const tab = await loadConsentsTab(customer.id, 'viewer', 'not-a-cursor');
    expect(tab.history.first).toBe(true);
    expect(tab.history.page.data).toHaveLength(1);
  });

  it('finances: an unknown customer is a not_found AppError; a bad cursor shows the first page', async () => {
    await expect(
      loadFinancesTab('0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9', {}, { openInvoices: false }),
    ).rejects.toMatchObject({ code: 'not_found' } satisfies Partial<AppError>);
    const customer = await createCustomer();
    await insertInvoice(customer.id);
    const tab = await loadFinancesTab(customer.id, { icursor: 'garbage' }, { openInvoices: true });
    expect(tab.invoiceTable.rows).toHaveLength(1);
    expect(tab.openInvoices).toHaveLength(1);
    expect(tab.summary.invoiceCount).toBe(1);
  });

  it('notes: technicians manage their own notes only, nobody on a read-only customer', async () => {
    const customer = await createCustomer();
    const other = await createUser('technician');
    for (const author of [users.technician, other]) {
      await getDb()
        .insert(customerNotes)
        .values({ customerId: customer.id, authorId: author.id, authorName: author.name, body: `par ${author.name}` });
    }
    const mine = (n: { author: { id: string | null } }) => n.author.id === users.technician.id;
    const tech = actorFor(users.technician);
    const { notes } = await loadProfileNotes(customer.id, tech, { writable: true });
    expect(notes.map((n) => [mine(n), n.canManage]).sort()).toEqual([
      [false, false],
      [true, true],
    ]);
    const manager = await loadProfileNotes(customer.id, actorFor(users.manager), { writable: true });
    expect(manager.notes.every((n) => n.canManage)).toBe(true);
    const readOnly = await loadProfileNotes(customer.id, actorFor(users.manager), { writable: false });
    expect(readOnly.notes.some((n) => n.canManage)).toBe(false);
  });
});
