import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { listCustomers } from '@/lib/customers/queries';
import { customerListQuerySchema } from '@/lib/customers/schema';
import { createCustomer, createVehicle } from '../factories';

/**
 * Regression (found by the e2e suite): the list's vehicle count was a correlated subquery whose
 * table names drizzle dropped in a single-table select, so it compared vehicles.id with itself
 * and every customer showed 0 vehicles.
 */
describe('customer list vehicleCount', () => {
  it('counts each customer’s own vehicles, for both sorts', async () => {
    const two = await createCustomer({ lastName: 'Flottevc' });
    const none = await createCustomer({ lastName: 'Pietonvc' });
    await createVehicle(two.id);
    await createVehicle(two.id);
    for (const sort of ['recent', 'name'] as const) {
      const page = await listCustomers(getDb(), customerListQuerySchema.parse({ sort, limit: 100 }));
      const byId = new Map(page.data.map((c) => [c.id, c.vehicleCount]));
      expect(byId.get(two.id)).toBe(2);
      expect(byId.get(none.id)).toBe(0);
    }
  });
});
