'use server';

import { formDataToObject, pickFormFields } from '@/lib/actions';
import { activityEditDecision } from '@/lib/auth/permissions';
import { defineAction, type Revalidation } from '@/lib/define-action';
import { correctActivity, deleteActivity } from './corrections';
import { createManualActivity } from './mutations';
import { activityCorrectionSchema } from './schema';
import { serializeActivity } from './serialize';

const revalidate = ([id]: string[]): Revalidation[] => [`/customers/${id}/activity`, `/customers/${id}/dashboard-360`];

/** Manual activity form. Returns the new entry so the timeline can show it at once. */
export const createActivityAction = defineAction({
  permission: 'activity.create',
  ids: ['Client'],
  // The form never sends metadata (API only); createManualActivity validates the rest.
  form: (formData) => {
    const { metadata: _ignored, ...fields } = formDataToObject(formData);
    return fields;
  },
  run: async ({ actor, ids: [id], input, db }) => {
    const row = await createManualActivity(db, actor, id, input);
    // The new entry's menu: the same rule as the timeline's (the customer is live, it was just written to).
    return { ...serializeActivity(row), canEdit: activityEditDecision(actor, { ...row, manual: true }, true).allowed };
  },
  message: 'Activité ajoutée.',
  revalidate: ([id]) => [`/customers/${id}/activity`],
});

/** « Modifier » in a timeline card: type, title, text (an emptied text is cleared, an emptied title refused). */
export const correctActivityAction = defineAction({
  permission: 'activity.create',
  ids: ['Client', 'Activité'],
  form: (formData) => ({
    ...pickFormFields(formData, ['type', 'title', 'description'], { clearEmpty: ['description'] }),
    title: String(formData.get('title') ?? ''),
  }),
  schema: activityCorrectionSchema,
  run: async ({ actor, ids: [id, activityId], input, db }) =>
    serializeActivity(await correctActivity(db, actor, id, activityId, input)),
  message: 'Activité corrigée.',
  revalidate,
});

export const deleteActivityAction = defineAction({
  permission: 'activity.create',
  ids: ['Client', 'Activité'],
  run: async ({ actor, ids: [id, activityId], db }) => deleteActivity(db, actor, id, activityId),
  message: 'Activité supprimée.',
  revalidate,
});
