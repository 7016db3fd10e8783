'use server';

import { formDataToObject } from '@/lib/actions';
import { defineAction } from '@/lib/define-action';
import { recordConsent } from './mutations';
import { consentFormToInput } from './form';
import { consentRecordSchema } from './schema';

/** Grant or withdraw from the Consents tab (bind the customer id first). */
export const recordConsentAction = defineAction({
  permission: 'consent.record',
  ids: ['Client'],
  form: (formData) => consentFormToInput(formDataToObject(formData)),
  schema: consentRecordSchema,
  run: ({ actor, ids: [id], input, db }) => recordConsent(db, actor, id, input),
  message: (event) => (event.granted ? 'Consentement enregistré.' : 'Retrait du consentement enregistré.'),
  revalidate: ([id]) => [`/customers/${id}/consents`],
});
