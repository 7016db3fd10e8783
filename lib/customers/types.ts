import type { CustomerKind, CustomerStatus, Fuel, GeocodePrecision } from '@/db/schema/customers';

/** API / UI shape of a customer (README › API), camelCase, dates as ISO strings in JSON. */
export interface CustomerDto {
  id: string;
  number: string;
  kind: CustomerKind;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  siret: string | null;
  vatNumber: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  latitude: number | null;
  longitude: number | null;
  geocodePrecision: GeocodePrecision | null;
  agency: string | null;
  status: CustomerStatus;
  archivedAt: Date | null;
  tags: TagDto[];
  createdAt: Date;
  updatedAt: Date;
}

export interface TagDto {
  id: string;
  name: string;
  color: string;
}

export interface ContactDto {
  id: string;
  customerId: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  isPrimary: boolean;
}

export interface VehicleDto {
  id: string;
  customerId: string;
  plate: string | null;
  vin: string | null;
  make: string | null;
  model: string | null;
  year: number | null;
  mileage: number | null;
  fuel: Fuel | null;
}

/** GET /api/customers/{id} and the 360 page header/profile. */
export interface CustomerDetailDto extends CustomerDto {
  contacts: ContactDto[];
  vehicles: VehicleDto[];
}

/** One row of the list (table on desktop, card on phones). */
export interface CustomerListItem extends CustomerDto {
  displayName: string;
  vehicleCount: number;
}
