'use server';

import { defineAction, type Revalidation } from '@/lib/define-action';
import { AppError } from '@/lib/errors';
import { deleteDocument, uploadDocument } from './mutations';
import { serializeDocument } from './serialize';

const revalidate = ([id]: string[]): Revalidation[] => [`/customers/${id}/documents`, `/customers/${id}/activity`];

/** Form upload (`file`, `category`, `description`). The UI prefers XHR to the API for progress. */
export const uploadDocumentAction = defineAction({
  permission: 'document.upload',
  ids: ['Client'],
  // The file is streamed to storage by uploadDocument, which validates the other fields itself.
  form: (formData) => {
    const file = formData.get('file');
    if (!(file instanceof Blob) || file.size === 0) {
      throw AppError.validation({ file: ['Choisissez un fichier non vide.'] }, 'Aucun fichier reçu.');
    }
    return {
      body: file,
      originalName: 'name' in file ? (file as File).name : null,
      category: formData.get('category') ?? undefined,
      description: formData.get('description') || undefined,
    };
  },
  run: async ({ actor, ids: [id], input, db }) => serializeDocument(await uploadDocument(db, actor, id, input)),
  message: 'Document ajouté.',
  revalidate,
});

export const deleteDocumentAction = defineAction({
  permission: 'document.delete',
  ids: ['Client', 'Document'],
  run: async ({ actor, ids: [id, docId], db }) => ({ id: (await deleteDocument(db, actor, id, docId)).id }),
  message: 'Document supprimé.',
  revalidate,
});
