'use server';

import { defineAction } from '@/lib/define-action';
import { EMAIL_TEMPLATES_PATH, emailTemplateCreateSchema, emailTemplateUpdateSchema } from './template-schema';
import { createEmailTemplate, deleteEmailTemplate, updateEmailTemplate } from './templates';

/** The templates page (« Modèles d’e-mail »): managers and admins. */
const keys = ['name', 'subject', 'body', 'purpose'] as const;

export const createEmailTemplateAction = defineAction({
  permission: 'email.template',
  form: { keys },
  schema: emailTemplateCreateSchema,
  run: ({ actor, input, db }) => createEmailTemplate(db, actor, input),
  message: (t) => `Modèle « ${t.name} » créé.`,
  revalidate: () => [EMAIL_TEMPLATES_PATH],
});

export const updateEmailTemplateAction = defineAction({
  permission: 'email.template',
  ids: ['Modèle d’e-mail'],
  form: { keys },
  schema: emailTemplateUpdateSchema,
  run: ({ actor, ids: [id], input, db }) => updateEmailTemplate(db, actor, id, input),
  message: (t) => `Modèle « ${t.name} » enregistré.`,
  revalidate: () => [EMAIL_TEMPLATES_PATH],
});

export const deleteEmailTemplateAction = defineAction({
  permission: 'email.template',
  ids: ['Modèle d’e-mail'],
  run: ({ ids: [id], db }) => deleteEmailTemplate(db, id),
  message: 'Modèle supprimé.',
  revalidate: () => [EMAIL_TEMPLATES_PATH],
});
