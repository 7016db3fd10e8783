import { geocodeQuerySchema, locationBodySchema, postalCodeQuerySchema } from '@/lib/geo/api-schemas';
import { nearbyQuerySchema } from '@/lib/geo/nearby';
import { defineRoute } from '../registry';

export const postalCodesRoute = defineRoute({
  method: 'get',
  path: '/api/postal-codes',
  tag: 'geo',
  permission: null,
  summary:
    'French postal code / commune suggestions (offline data; prefix of the code or of the name, accent-insensitive)',
  query: postalCodeQuerySchema,
  responses: [{ status: 200, description: '`{ data: [{postalCode, city, inseeCode, latitude, longitude}] }`' }],
});

export const geocodeRoute = defineRoute({
  method: 'get',
  path: '/api/geocode',
  tag: 'geo',
  permission: null,
  summary:
    'Geocode a French address: BAN geocoder when configured (cached), else the commune centre (`precision: commune`)',
  query: geocodeQuerySchema,
  responses: [
    { status: 200, description: '`{latitude, longitude, precision, source, label}`' },
    { status: 404, description: 'Adresse inconnue' },
  ],
});

export const nearbyCustomersRoute = defineRoute({
  method: 'get',
  path: '/api/customers/nearby',
  tag: 'geo',
  permission: 'customer.read',
  summary: 'Customers within `radiusKm` of a point, nearest first (bounding box on an index, exact haversine)',
  query: nearbyQuerySchema,
  responses: [{ status: 200, description: '`{ data: [{...customer summary, distanceKm}] }`' }],
});

export const setCustomerLocationRoute = defineRoute({
  method: 'put',
  path: '/api/customers/{id}/location',
  tag: 'geo',
  permission: 'customer.field-update',
  summary: 'Manual pin correction: stores the position with `geocodePrecision: manual`',
  body: locationBodySchema,
  responses: [{ status: 200, description: '`{latitude, longitude, geocodePrecision, geocodeSource, agency}`' }],
});
