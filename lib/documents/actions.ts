'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { type ActionState, runAction } from '@/lib/actions';
import { requireActionActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { parseId } from '@/lib/http/parse';
import { deleteDocument, uploadDocument } from './mutations';
import type { DocumentDto } from './schema';
import { serializeDocument } from './serialize';

function revalidate(customerId: string) {
  revalidatePath(`/customers/${customerId}/documents`);
  revalidatePath(`/customers/${customerId}/activity`);
}

/** Form upload (`file`, `category`, `description`). The UI prefers XHR to the API for progress. */
export async function uploadDocumentAction(
  customerId: string,
  _prev: ActionState<DocumentDto>,
  formData: FormData,
): Promise<ActionState<DocumentDto>> {
  return runAction(async () => {
    const actor = await requireActionActor('document.upload');
    const id = parseId(customerId, 'Client');
    const file = formData.get('file');
    if (!(file instanceof Blob) || file.size === 0) {
      throw AppError.validation({ file: ['Choisissez un fichier non vide.'] }, 'Aucun fichier reçu.');
    }
    const row = await uploadDocument(getDb(), actor, id, {
      body: file,
      originalName: 'name' in file ? (file as File).name : null,
      category: formData.get('category') ?? undefined,
      description: formData.get('description') || undefined,
    });
    revalidate(id);
    return { ok: true, message: 'Document ajouté.', data: serializeDocument(row) };
  });
}

export async function deleteDocumentAction(
  customerId: string,
  docId: string,
  _prev: ActionState<{ id: string }>,
  _formData: FormData,
): Promise<ActionState<{ id: string }>> {
  return runAction(async () => {
    const actor = await requireActionActor('document.delete');
    const id = parseId(customerId, 'Client');
    const result = await deleteDocument(getDb(), actor, id, parseId(docId, 'Document'));
    revalidate(id);
    return { ok: true, message: 'Document supprimé.', data: { id: result.id } };
  });
}
