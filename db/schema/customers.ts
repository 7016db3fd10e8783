import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { apiTokens, users } from './auth';
import { createdAt, id, tsvector, updatedAt } from './columns';
import { compactPlate, contactSearchText } from './search-expressions';
import type { CustomerKind, CustomerStatus, GeocodePrecision, Fuel } from './enums';
export {
  CUSTOMER_KINDS,
  type CustomerKind,
  CUSTOMER_STATUSES,
  type CustomerStatus,
  GEOCODE_PRECISIONS,
  type GeocodePrecision,
  FUELS,
  type Fuel,
} from './enums';

export const customerNumberSeq = pgSequence('customer_number_seq', { startWith: 1 });

export const customers = pgTable(
  'customers',
  {
    id: id(),
    number: text('number')
      .notNull()
      .default(sql`'C-' || lpad(nextval('customer_number_seq')::text, 6, '0')`),
    kind: text('kind').$type<CustomerKind>().notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    companyName: text('company_name'),
    siret: text('siret'),
    vatNumber: text('vat_number'),
    email: text('email'),
    phone: text('phone'),
    mobile: text('mobile'),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country').notNull().default('FR'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    geocodePrecision: text('geocode_precision').$type<GeocodePrecision>(),
    geocodeSource: text('geocode_source'),
    agency: text('agency'),
    status: text('status').$type<CustomerStatus>().notNull().default('active'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    // Set by GDPR erasure: the row stays (anonymised) because invoices must be kept 10 years.
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Lower-cased, accent-free display name: the list's alphabetical keyset column.
    sortName: text('sort_name').notNull().default(''),
    // Maintained by lib/customers/search.ts (name, company, email, phones, city, plates), accent-free.
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple'::regconfig, coalesce(search_text, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('customers_number_uq').on(t.number),
    // Global search: any fragment of the number ("123" finds C-000123).
    index('customers_number_trgm_idx').using('gin', t.number.op('gin_trgm_ops')),
    index('customers_search_idx').using('gin', t.searchVector),
    index('customers_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('customers_sort_name_idx').on(t.sortName, t.id),
    index('customers_status_idx').on(t.status),
    index('customers_kind_idx').on(t.kind),
    index('customers_city_idx').on(sql`lower(${t.city})`),
    index('customers_postal_code_idx').on(t.postalCode),
    index('customers_email_idx').on(sql`lower(${t.email})`),
    index('customers_siret_idx').on(t.siret),
    index('customers_phone_idx').on(t.phone),
    index('customers_mobile_idx').on(t.mobile),
    index('customers_created_by_idx').on(t.createdBy),
    // Bounding-box prefilter for "nearby" queries.
    index('customers_geo_idx').on(t.latitude, t.longitude),
    check('customers_kind_ck', sql`${t.kind} in ('individual','company')`),
    check('customers_status_ck', sql`${t.status} in ('active','inactive')`),
  ],
);

export const customerContacts = pgTable(
  'customer_contacts',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role'),
    email: text('email'),
    phone: text('phone'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customer_contacts_customer_idx').on(t.customerId, t.createdAt),
    // Global search: fragments of the name, e-mail or phone (lib/search).
    index('customer_contacts_search_trgm_idx').using('gin', sql`${contactSearchText(t)} gin_trgm_ops`),
  ],
);

export const vehicles = pgTable(
  'vehicles',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    plate: text('plate'),
    vin: text('vin'),
    make: text('make'),
    model: text('model'),
    year: integer('year'),
    mileage: integer('mileage'),
    fuel: text('fuel').$type<Fuel>(),
    // Drives the contrôle technique due date (first within 4 years, then every 2 years).
    firstRegistrationDate: date('first_registration_date', { mode: 'string' }),
    // Follow-up facts (last contrôle, last entretien and its odometer, Paris dates), kept by the
    // `vehicles_follow_up_*` triggers on interventions (migration 0010) whatever writes them — app,
    // import, seed, restore — so "À relancer" reads one row per vehicle instead of aggregating
    // every intervention of the base (5 s → a vehicles scan at 100k customers / 1M interventions).
    // The due dates stay computed at read time: they depend on SERVICE_INTERVAL_* settings.
    lastInspectionDate: date('last_inspection_date', { mode: 'string' }),
    lastServiceDate: date('last_service_date', { mode: 'string' }),
    lastServiceKm: integer('last_service_km'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('vehicles_customer_idx').on(t.customerId, t.createdAt),
    index('vehicles_plate_idx').on(t.plate),
    index('vehicles_vin_idx').on(t.vin),
    // Global search: plate fragments typed with or without dashes/spaces, VIN fragments.
    index('vehicles_plate_compact_trgm_idx').using('gin', sql`${compactPlate(t.plate)} gin_trgm_ops`),
    index('vehicles_vin_trgm_idx').using('gin', t.vin.op('gin_trgm_ops')),
  ],
);

export const customerNotes = pgTable(
  'customer_notes',
  {
    id: id(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Notes written through the API: the token that wrote them may edit them, like a user their own. */
    authorTokenId: uuid('author_token_id').references(() => apiTokens.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customer_notes_customer_idx').on(t.customerId, t.pinned.desc(), t.createdAt.desc()),
    index('customer_notes_author_idx').on(t.authorId),
    index('customer_notes_author_token_idx').on(t.authorTokenId),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    name: text('name').notNull(),
    color: text('color').notNull().default('#64748b'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_name_lower_uq').on(sql`lower(${t.name})`)],
);

export const customerTags = pgTable(
  'customer_tags',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'customer_tags_pk', columns: [t.customerId, t.tagId] }),
    index('customer_tags_tag_idx').on(t.tagId, t.customerId),
  ],
);
