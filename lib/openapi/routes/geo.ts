import { geocodeQuerySchema, locationBodySchema, postalCodeQuerySchema } from '@/lib/geo/api-schemas';
import { nearbyQuerySchema } from '@/lib/geo/nearby';
import { ok, routesOf } from '../registry';

const route = routesOf('geo');

export const postalCodesRoute = route.get('/api/postal-codes', {
  permission: null,
  summary:
    'French postal code / commune suggestions (offline data; prefix of the code or of the name, accent-insensitive)',
  query: postalCodeQuerySchema,
  responses: [ok('`{ data: [{postalCode, city, inseeCode, latitude, longitude}] }`')],
});

export const geocodeRoute = route.get('/api/geocode', {
  permission: null,
  summary:
    'Geocode a French address: BAN geocoder when configured (cached), else the commune centre (`precision: commune`)',
  query: geocodeQuerySchema,
  responses: [
    ok('`{latitude, longitude, precision, source, label}`'),
    { status: 404, description: 'Adresse inconnue' },
  ],
});

export const nearbyCustomersRoute = route.get('/api/customers/nearby', {
  permission: 'customer.read',
  summary: 'Customers within `radiusKm` of a point, nearest first (bounding box on an index, exact haversine)',
  query: nearbyQuerySchema,
  responses: [ok('`{ data: [{...customer summary, distanceKm}] }`')],
});

export const setCustomerLocationRoute = route.put('/api/customers/{id}/location', {
  permission: 'customer.field-update',
  summary: 'Manual pin correction: stores the position with `geocodePrecision: manual`',
  body: locationBodySchema,
  responses: [ok('`{latitude, longitude, geocodePrecision, geocodeSource, agency}`')],
});
