import { describe, expect, it } from 'vitest';
import { lazyValidator, zodValidator } from '@/components/ui/use-form-action';
import { contactCreateSchema, contactFields } from '@/lib/contacts/schema';
import { customerCreateSchema, customerFields, customerRuleIssues } from '@/lib/customers/schema';
import { reportFormInput } from '@/lib/interventions/form';
import { interventionReportSchema } from '@/lib/interventions/schema';
import { vehicleCreateSchema, vehicleFields } from '@/lib/vehicles/schema';

// The browser runs the server's zod schemas on the FormData before sending (components/ui/use-form-action.ts).
const fd = (values: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.append(k, v);
  return f;
};

describe('zodValidator on the customer form', () => {
  const validate = zodValidator(customerCreateSchema, {
    pick: Object.keys(customerFields),
    rules: (values) => customerRuleIssues(values as Parameters<typeof customerRuleIssues>[0]),
  });

  it('accepts a valid individual, ignoring hidden helpers such as updatedAt and confirmDuplicates', () => {
    expect(
      validate(
        fd({ kind: 'individual', lastName: 'Martin', phone: '06 12 34 56 78', updatedAt: 'x', confirmDuplicates: '1' }),
      ),
    ).toBeNull();
  });

  it('reports the conditional rules and bad values by field, treating blank inputs as empty', () => {
    const errors = validate(fd({ kind: 'company', companyName: '   ', siret: '12345678901234', email: '', phone: '' }));
    expect(errors).not.toBeNull();
    expect(Object.keys(errors!).sort()).toEqual(['companyName', 'email', 'siret']);
    expect(errors!.companyName[0]).toBe('La raison sociale est obligatoire pour un professionnel.');
  });

  it('without rules, zod stops at the field error and hides the cross-field rules', () => {
    const bare = zodValidator(customerCreateSchema, { pick: Object.keys(customerFields) });
    expect(Object.keys(bare(fd({ kind: 'company', siret: '12345678901234' }))!)).toEqual(['siret']);
  });

  it('rejects an invalid phone with the server message', () => {
    expect(validate(fd({ kind: 'individual', lastName: 'Martin', phone: '01 23' }))?.phone).toEqual([
      'Numéro de téléphone invalide.',
    ]);
  });
});

describe('zodValidator on contact and vehicle forms', () => {
  it('requires a contact name', () => {
    const validate = zodValidator(contactCreateSchema, { pick: Object.keys(contactFields) });
    expect(validate(fd({ name: '', isPrimary: '1' }))?.name).toEqual(['Le nom du contact est obligatoire.']);
    expect(validate(fd({ name: 'Paul', isPrimary: '1' }))).toBeNull();
  });

  it('requires a plate or a VIN and validates the year', () => {
    const validate = zodValidator(vehicleCreateSchema, { pick: Object.keys(vehicleFields) });
    expect(validate(fd({ make: 'Renault' }))?.plate).toEqual(["Indiquez l'immatriculation ou le VIN."]);
    expect(Object.keys(validate(fd({ plate: 'AB-123-CD', year: '1800' })) ?? {})).toEqual(['year']);
    expect(validate(fd({ plate: 'AB-123-CD', year: '2019', mileage: '45000', fuel: 'diesel' }))).toBeNull();
  });
});

describe('zodValidator with the form’s own input mapping', () => {
  it('validates what reportFormInput makes of the FormData, as the server action does', () => {
    const validate = zodValidator(interventionReportSchema, { input: reportFormInput });
    expect(validate(fd({ noChargeField: '1', noCharge: 'on', odometerKm: '12 000' }))).toBeNull();
    expect(Object.keys(validate(fd({ lines: '{oops' })) ?? {})).toEqual(['lines']);
  });
});

describe('lazyValidator', () => {
  it('loads the validator once, on preload or on the first submission, then answers with it', async () => {
    let loads = 0;
    const validate = lazyValidator(async () => {
      loads++;
      return zodValidator(contactCreateSchema, { pick: Object.keys(contactFields) });
    });
    expect(loads).toBe(0);
    validate.preload();
    validate.preload();
    expect((await validate(fd({ name: '' })))?.name).toEqual(['Le nom du contact est obligatoire.']);
    expect(await validate(fd({ name: 'Paul' }))).toBeNull();
    expect(loads).toBe(1);
  });

  it('lets the submission go on when the validator cannot be fetched (the server action checks the same schema)', async () => {
    const validate = lazyValidator(() => Promise.reject(new Error('offline')));
    expect(await validate(fd({ name: '' }))).toBeNull();
  });
});
