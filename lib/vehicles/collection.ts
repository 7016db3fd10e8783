import 'server-only';
import { asc } from 'drizzle-orm';
import { vehicles as vehiclesTable } from '@/db/schema';
import { collectionEndpoints } from '@/lib/children/collection-actions';
import { defineChildCollection } from '@/lib/children/collection';
import { refreshCustomerSearch } from '@/lib/customers/search';
import { serializeVehicle } from '@/lib/customers/serialize';
import { AppError } from '@/lib/errors';
import { PLATE_OR_VIN_MESSAGE, vehicleCreateSchema, vehicleFields, vehicleUpdateSchema } from './schema';

type Named = { plate: string | null; vin: string | null; make: string | null; model: string | null };
const describe = (v: Named) =>
  [v.plate ?? v.vin, [v.make, v.model].filter(Boolean).join(' ')].filter(Boolean).join(' — ');

export const vehicles = defineChildCollection({
  table: vehiclesTable,
  labels: {
    one: 'Véhicule',
    added: 'Véhicule ajouté',
    updated: 'Véhicule modifié',
    deleted: 'Véhicule supprimé',
    saved: 'Véhicule enregistré',
    stale: "Ce véhicule a été modifié par quelqu'un d'autre. Rechargez la page.",
  },
  relatedType: 'vehicle',
  fields: ['plate', 'vin', 'make', 'model', 'year', 'mileage', 'fuel'],
  createSchema: vehicleCreateSchema,
  updateSchema: vehicleUpdateSchema,
  serialize: serializeVehicle,
  describe,
  // In the order they were added.
  orderBy: [asc(vehiclesTable.createdAt), asc(vehiclesTable.id)],
  // Plates and VINs are searchable from the customer list (customers.search_text).
  hooks: {
    afterCreate: (tx, row) => refreshCustomerSearch(tx, row.customerId),
    beforeUpdate: (merged) => {
      if (!merged.plate && !merged.vin) throw AppError.validation({ plate: [PLATE_OR_VIN_MESSAGE] });
    },
    afterUpdate: async (tx, row, _before, diff) => {
      if ('plate' in diff || 'vin' in diff) await refreshCustomerSearch(tx, row.customerId);
    },
    afterDelete: (tx, row) => refreshCustomerSearch(tx, row.customerId),
  },
});

const KEYS = Object.keys(vehicleFields);

export const vehicleEndpoints = collectionEndpoints(vehicles, {
  param: 'vehicleId',
  write: 'customer.field-update',
  // The edit form posts the whole vehicle: an emptied field is cleared.
  form: { create: { keys: KEYS }, update: { keys: [...KEYS, 'updatedAt'], clearEmpty: KEYS } },
});
