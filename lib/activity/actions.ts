'use server';

import { formDataToObject } from '@/lib/actions';
import { defineAction } from '@/lib/define-action';
import { createManualActivity } from './mutations';
import { serializeActivity } from './serialize';

/** Manual activity form. Returns the new entry so the timeline can show it at once. */
export const createActivityAction = defineAction({
  permission: 'activity.create',
  ids: ['Client'],
  // The form never sends metadata (API only); createManualActivity validates the rest.
  form: (formData) => {
    const { metadata: _ignored, ...fields } = formDataToObject(formData);
    return fields;
  },
  run: async ({ actor, ids: [id], input, db }) => serializeActivity(await createManualActivity(db, actor, id, input)),
  message: 'Activité ajoutée.',
  revalidate: ([id]) => [`/customers/${id}/activity`],
});
