'use server';

import { defineAction, type Revalidation } from '@/lib/define-action';
import { deleteDocument } from './mutations';
import { documentUpdateSchema } from './schema';
import { serializeDocument } from './serialize';
import { updateDocument } from './update';

const revalidate = ([id]: string[]): Revalidation[] => [`/customers/${id}/documents`, `/customers/${id}/activity`];

// No upload action: server actions take at most 2 MB (next.config.ts) and buffer the body; files go
// through the streaming route handler POST /api/customers/{id}/documents (README "Security notes").

export const deleteDocumentAction = defineAction({
  permission: 'document.delete',
  ids: ['Client', 'Document'],
  run: async ({ actor, ids: [id, docId], db }) => ({ id: (await deleteDocument(db, actor, id, docId)).id }),
  message: 'Document supprimé.',
  revalidate,
});

/** « Modifier » a document: name, catégorie, « Visible à partir de ». */
export const updateDocumentAction = defineAction({
  permission: 'document.upload',
  ids: ['Client', 'Document'],
  form: { keys: ['originalName', 'category', 'minRole'] },
  schema: documentUpdateSchema,
  run: async ({ actor, ids: [id, docId], input, db }) =>
    serializeDocument(await updateDocument(db, actor, id, docId, input)),
  message: 'Document modifié.',
  revalidate,
});
