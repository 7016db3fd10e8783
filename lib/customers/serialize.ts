import type { customerContacts, customers, vehicles } from '@/db/schema';
import type { ContactDto, CustomerDto, TagDto, VehicleDto } from './types';

type CustomerRow = typeof customers.$inferSelect;
type ContactRow = typeof customerContacts.$inferSelect;
type VehicleRow = typeof vehicles.$inferSelect;

/** The API shape adds `erasedAt` (GDPR erasure date) to CustomerDto so clients can tell an anonymised record. */
export type CustomerRecordDto = CustomerDto & { erasedAt: Date | null };

/** What serializeCustomer reads: every column but the search text and vector and the bookkeeping ones. */
export type CustomerRecordRow = Omit<
  CustomerRow,
  'searchText' | 'searchVector' | 'geocodeSource' | 'createdBy' | 'sortName'
>;

export function serializeCustomer(row: CustomerRecordRow, tags: TagDto[] = []): CustomerRecordDto {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    siret: row.siret,
    vatNumber: row.vatNumber,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    addressLine1: row.addressLine1,
    addressLine2: row.addressLine2,
    postalCode: row.postalCode,
    city: row.city,
    country: row.country,
    latitude: row.latitude,
    longitude: row.longitude,
    geocodePrecision: row.geocodePrecision,
    agency: row.agency,
    status: row.status,
    archivedAt: row.archivedAt,
    erasedAt: row.erasedAt,
    tags,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function serializeContact(row: ContactRow): ContactDto {
  return {
    id: row.id,
    customerId: row.customerId,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    isPrimary: row.isPrimary,
  };
}

export function serializeVehicle(row: VehicleRow): VehicleDto {
  return {
    id: row.id,
    customerId: row.customerId,
    plate: row.plate,
    vin: row.vin,
    make: row.make,
    model: row.model,
    year: row.year,
    mileage: row.mileage,
    fuel: row.fuel,
  };
}
