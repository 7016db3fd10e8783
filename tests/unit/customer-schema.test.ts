import { describe, expect, it } from 'vitest';
import { contactCreateSchema, contactUpdateSchema } from '@/lib/contacts/schema';
import {
  customerCreateSchema,
  customerDisplayName,
  customerListQuerySchema,
  customerRuleIssues,
  customerUpdateSchema,
} from '@/lib/customers/schema';
import { buildSortName } from '@/lib/customers/search';
import { vehicleCreateSchema, vehicleUpdateSchema } from '@/lib/vehicles/schema';

const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('customer conditional rules', () => {
  it('a company needs a company name', () => {
    const r = customerCreateSchema.safeParse({ kind: 'company', email: 'a@b.fr' });
    expect(r.success).toBe(false);
    expect(fields(r)).toHaveProperty('companyName');
  });

  it('an individual needs a last name', () => {
    const r = customerCreateSchema.safeParse({ kind: 'individual', firstName: 'Jean', email: 'a@b.fr' });
    expect(fields(r)).toHaveProperty('lastName');
  });

  it('at least one way to reach the customer', () => {
    const r = customerCreateSchema.safeParse({ kind: 'individual', lastName: 'Dupont' });
    expect(fields(r).email).toMatch(/moyen de contact/);
    expect(
      customerCreateSchema.safeParse({ kind: 'individual', lastName: 'Dupont', mobile: '06 12 34 56 78' }).success,
    ).toBe(true);
  });

  it('SIRET is optional for a company but validated when given', () => {
    expect(
      customerCreateSchema.safeParse({ kind: 'company', companyName: 'Garage', phone: '0142685300' }).success,
    ).toBe(true);
    const bad = customerCreateSchema.safeParse({
      kind: 'company',
      companyName: 'Garage',
      phone: '0142685300',
      siret: '73282932000075',
    });
    expect(fields(bad)).toHaveProperty('siret');
    const good = customerCreateSchema.safeParse({
      kind: 'company',
      companyName: 'Garage',
      phone: '0142685300',
      siret: '732 829 320 00074',
    });
    expect(good.success && good.data.siret).toBe('73282932000074');
  });

  it('normalises values: E.164 phone, email domain, country default FR, empty → null', () => {
    const r = customerCreateSchema.parse({
      kind: 'individual',
      lastName: 'Dupont',
      phone: '06.12.34.56.78',
      email: 'J@EXEMPLE.FR',
      city: '',
    });
    expect(r).toMatchObject({
      phone: '+33612345678',
      email: 'J@exemple.fr',
      country: 'FR',
      city: null,
      vatNumber: null,
    });
  });

  it('rejects an unknown kind and invalid identifiers with field errors', () => {
    const r = customerCreateSchema.safeParse({
      kind: 'alien',
      lastName: 'X',
      email: 'not-an-email',
      vatNumber: 'FR00443061841',
      postalCode: '7500',
    });
    expect(Object.keys(fields(r)).sort()).toEqual(expect.arrayContaining(['kind', 'email', 'vatNumber', 'postalCode']));
  });

  it('customerRuleIssues checks a merged record (partial update)', () => {
    expect(customerRuleIssues({ kind: 'company', companyName: null, email: 'a@b.fr' }).map((i) => i.path)).toEqual([
      'companyName',
    ]);
    expect(
      customerRuleIssues({ kind: 'individual', lastName: 'X', email: null, phone: null, mobile: null }).map(
        (i) => i.path,
      ),
    ).toEqual(['email']);
  });

  it('update: updatedAt required, unknown keys refused, absent keys stay absent', () => {
    expect(fields(customerUpdateSchema.safeParse({ city: 'Lyon' }))).toHaveProperty('updatedAt');
    expect(customerUpdateSchema.safeParse({ updatedAt: new Date().toISOString(), hacker: 1 }).success).toBe(false);
    const r = customerUpdateSchema.parse({ updatedAt: '2025-01-02T03:04:05.678Z', city: 'Lyon' });
    expect(Object.keys(r).sort()).toEqual(['city', 'updatedAt']);
    expect(r.updatedAt.getTime()).toBe(Date.parse('2025-01-02T03:04:05.678Z'));
  });

  it('list query: limit 1..100, defaults', () => {
    expect(customerListQuerySchema.parse({})).toMatchObject({ limit: 20, sort: 'recent', archived: 'exclude' });
    expect(customerListQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(customerListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(customerListQuerySchema.safeParse({ sort: 'random' }).success).toBe(false);
  });

  it('display and sort names', () => {
    expect(customerDisplayName({ kind: 'individual', firstName: 'Zoé', lastName: 'Lefèvre' })).toBe('Zoé Lefèvre');
    expect(buildSortName({ kind: 'individual', firstName: 'Zoé', lastName: 'Lefèvre' })).toBe('lefevre zoe');
    expect(buildSortName({ kind: 'company', companyName: 'Garage ÉTOILE' })).toBe('garage etoile');
  });
});

describe('contact schema', () => {
  it('name required, phone normalised, isPrimary from form values', () => {
    expect(fields(contactCreateSchema.safeParse({ role: 'x' }))).toHaveProperty('name');
    expect(contactCreateSchema.parse({ name: 'Paul', phone: '06 12 34 56 78', isPrimary: 'on' })).toMatchObject({
      phone: '+33612345678',
      isPrimary: true,
    });
    expect(contactCreateSchema.parse({ name: 'Paul', isPrimary: false }).isPrimary).toBe(false);
    expect(contactUpdateSchema.safeParse({ name: '' }).success).toBe(false);
    expect(contactUpdateSchema.safeParse({ nope: 1 }).success).toBe(false);
  });
});

describe('vehicle schema', () => {
  const year = new Date().getFullYear();
  it('plate or VIN required; plate normalised', () => {
    expect(fields(vehicleCreateSchema.safeParse({ make: 'Renault' }))).toHaveProperty('plate');
    expect(vehicleCreateSchema.parse({ plate: 'ab123cd' }).plate).toBe('AB-123-CD');
    expect(vehicleCreateSchema.parse({ vin: 'VF1RFB00X56789012' })).toMatchObject({
      plate: null,
      vin: 'VF1RFB00X56789012',
    });
  });

  it('year 1900..next year, mileage 0..2 000 000, fuel enum; numbers from forms', () => {
    expect(
      vehicleCreateSchema.parse({ plate: 'AB-123-CD', year: String(year + 1), mileage: '120000', fuel: 'diesel' }),
    ).toMatchObject({
      year: year + 1,
      mileage: 120000,
      fuel: 'diesel',
    });
    const bad = vehicleCreateSchema.safeParse({ plate: 'AB-123-CD', year: year + 2, mileage: -1, fuel: 'coal' });
    expect(Object.keys(fields(bad)).sort()).toEqual(['fuel', 'mileage', 'year']);
    expect(vehicleCreateSchema.safeParse({ plate: 'AB-123-CD', year: 1899 }).success).toBe(false);
    expect(vehicleCreateSchema.safeParse({ plate: 'AB-123-CD', mileage: 2_000_001 }).success).toBe(false);
    expect(vehicleCreateSchema.safeParse({ plate: 'AB-123-CD', year: 'abc' }).success).toBe(false);
    expect(vehicleCreateSchema.parse({ plate: 'AB-123-CD', year: null, mileage: '' })).toMatchObject({
      year: null,
      mileage: null,
    });
  });

  it('update is partial and strict', () => {
    expect(vehicleUpdateSchema.parse({ mileage: 5 })).toEqual({ mileage: 5 });
    expect(vehicleUpdateSchema.safeParse({ customerId: 'x' }).success).toBe(false);
  });
});
