import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { customerActivity, customers } from '@/db/schema';
import { createCustomer, updateCustomer } from '@/lib/customers/mutations';
import { customerCreateSchema, customerUpdateSchema } from '@/lib/customers/schema';
import { actorFor, createUser } from '../factories';

/** Without an online geocoder the save itself places the customer at commune level, in one transaction. */
describe('offline geocoding on save', () => {
  it('create: commune coordinates, precision and nearest agency, with a single activity', async () => {
    const actor = actorFor(await createUser('manager'));
    const input = customerCreateSchema.parse({
      kind: 'individual',
      lastName: 'Géo',
      email: 'geo@exemple.fr',
      postalCode: '69002',
      city: 'Lyon',
    });
    const { customer } = await createCustomer(getDb(), actor, input);
    expect(customer.latitude).toBeCloseTo(45.75, 1);
    expect(customer.longitude).toBeCloseTo(4.83, 1);
    expect(customer.geocodePrecision).toBe('commune');
    expect(customer.agency).toBe('Agence Lyon');
    const acts = await getDb().select().from(customerActivity).where(eq(customerActivity.customerId, customer.id));
    expect(acts).toHaveLength(1);
  });

  it('update: an address change moves the coordinates; an unknown commune clears them', async () => {
    const actor = actorFor(await createUser('manager'));
    const { customer } = await createCustomer(
      getDb(),
      actor,
      customerCreateSchema.parse({
        kind: 'individual',
        lastName: 'Mobile',
        email: 'mobile@exemple.fr',
        postalCode: '69002',
        city: 'Lyon',
      }),
    );
    const moved = await updateCustomer(
      getDb(),
      actor,
      customer.id,
      customerUpdateSchema.parse({ postalCode: '13001', city: 'Marseille', updatedAt: customer.updatedAt }),
    );
    expect(moved.latitude).toBeCloseTo(43.3, 1);
    const [row] = await getDb().select().from(customers).where(eq(customers.id, customer.id));
    const gone = await updateCustomer(
      getDb(),
      actor,
      customer.id,
      customerUpdateSchema.parse({ postalCode: '98000', city: 'Monaco', updatedAt: row.updatedAt }),
    );
    expect(gone.latitude).toBeNull();
    expect(gone.geocodePrecision).toBeNull();
  });
});
