import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CustomerList } from '@/components/customers/customer-list';
import { getDb } from '@/db';
import { customerActivity } from '@/db/schema';
import { can } from '@/lib/auth/permissions';
import { loadCustomerListPage } from '@/lib/customers/list-filters';
import { customerListColumns } from '@/lib/customers/queries';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { createCustomer, createVehicle } from '../factories';
import { insertIntervention, insertInvoice } from '../factories/finances';

/** The list's office columns: first plate, last visit, balance due (finance.read only), status badge. */
describe('customer list columns', () => {
  it('first plate, last finished intervention or visit, unpaid TTC of non-cancelled invoices', async () => {
    const db = getDb();
    const busy = await createCustomer({ lastName: 'Colonnesplein' });
    const idle = await createCustomer({ lastName: 'Colonnesvide' });
    await createVehicle(busy.id, { plate: 'AA-111-AA', createdAt: new Date('2024-01-01T00:00:00Z') });
    await createVehicle(busy.id, { plate: 'ZZ-999-ZZ', createdAt: new Date('2024-06-01T00:00:00Z') });
    await insertInvoice(busy.id, { totalHtCents: 10_000, vatCents: 2_000 });
    await insertInvoice(busy.id, { totalHtCents: 10_000, vatCents: 2_000, paidCents: 5_000 });
    await insertInvoice(busy.id, { totalHtCents: 50_000, vatCents: 10_000, status: 'cancelled' });
    await insertIntervention(busy.id, { completedAt: new Date('2025-03-01T10:00:00Z') });
    await insertIntervention(busy.id, { status: 'invoiced', completedAt: new Date('2025-05-01T10:00:00Z') });
    // Neither a planned nor a cancelled one is a visit, however late.
    await insertIntervention(busy.id, { status: 'planned', completedAt: null, scheduledAt: new Date('2030-01-01') });
    await insertIntervention(busy.id, { status: 'cancelled', completedAt: null, scheduledAt: new Date('2029-01-01') });

    let columns = await customerListColumns(db, [busy.id, idle.id], { balance: true });
    expect(columns.get(busy.id)).toEqual({
      plate: 'AA-111-AA',
      lastVisitAt: new Date('2025-05-01T10:00:00Z'),
      balanceCents: 12_000 + 7_000,
    });
    expect(columns.get(idle.id)).toEqual({ plate: null, lastVisitAt: null, balanceCents: 0 });

    // A recorded visit later than the last intervention is the last visit.
    await db.insert(customerActivity).values({
      customerId: busy.id,
      type: 'visit',
      title: 'Passage à l’atelier',
      occurredAt: new Date('2025-06-10T09:00:00Z'),
      actorKind: 'system',
      actorName: 'test',
    });
    columns = await customerListColumns(db, [busy.id], { balance: false });
    expect(columns.get(busy.id)).toEqual({ plate: 'AA-111-AA', lastVisitAt: new Date('2025-06-10T09:00:00Z') });
  });

  it('the page loads the balance only when asked; the technician’s list has no balance column', async () => {
    const owing = await createCustomer({ lastName: 'Soldedu' });
    await insertInvoice(owing.id, { totalHtCents: 10_000, vatCents: 2_000 });
    // The newest customer first: the first page holds it.
    const query = customerListQuerySchema.parse({ limit: 5 });
    const mine = <T extends { id: string }>(rows: T[]) => rows.filter((c) => c.id === owing.id);

    expect(can('technician', 'finance.read')).toBe(false);
    const tech = mine(
      (await loadCustomerListPage({ role: 'technician' }, query, { balance: can('technician', 'finance.read') })).data,
    );
    expect(tech).toHaveLength(1);
    expect(tech[0]).not.toHaveProperty('balanceCents');
    const techHtml = renderToStaticMarkup(createElement(CustomerList, { items: tech, showBalance: false }));
    expect(techHtml).not.toContain('Solde dû');
    expect(techHtml).not.toContain('120,00');

    const manager = mine(
      (await loadCustomerListPage({ role: 'manager' }, query, { balance: can('manager', 'finance.read') })).data,
    );
    expect(manager[0].balanceCents).toBe(12_000);
    const html = renderToStaticMarkup(createElement(CustomerList, { items: manager, showBalance: true }));
    expect(html).toContain('Solde dû');
    expect(html).toMatch(/120,00\s€/);
  });

  it('a status badge only when the customer is not simply active', async () => {
    const active = await createCustomer({ lastName: 'Badgeactif' });
    const inactive = await createCustomer({ lastName: 'Badgeinactif', status: 'inactive' });
    const page = await loadCustomerListPage({ role: 'manager' }, customerListQuerySchema.parse({ limit: 5 }), {
      balance: false,
    });
    const render = (id: string) =>
      renderToStaticMarkup(
        createElement(CustomerList, { items: page.data.filter((c) => c.id === id), showBalance: false }),
      );
    expect(render(active.id)).toContain('Badgeactif');
    expect(render(active.id)).not.toContain('>Actif<');
    expect(render(inactive.id)).toContain('>Inactif<');
  });
});
