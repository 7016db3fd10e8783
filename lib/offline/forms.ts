/**
 * The forms' FormData → the queued API call that does the same thing as their server action (browser
 * code: no server import). The JSON bodies are what the route handlers parse with the same zod schemas.
 */
import { consentFormToInput } from '@/lib/consents/form';
import { reportFormInput } from '@/lib/interventions/form';
import type { NewItem } from './queue';

export type QueuedWrite = Omit<NewItem, 'userId'>;

/** Text fields as the server actions read them: blank = absent. */
export function formFields(formData: FormData, omit: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || omit.includes(key) || typeof value !== 'string' || value.trim() === '') continue;
    out[key] = value;
  }
  return out;
}

const customerApi = (customerId: string) => `/api/customers/${customerId}`;
const interventionApi = (customerId: string, interventionId: string) =>
  `${customerApi(customerId)}/interventions/${interventionId}`;

export function noteWrite(customerId: string, formData: FormData): QueuedWrite {
  return {
    kind: 'note',
    label: 'Note',
    method: 'POST',
    url: `${customerApi(customerId)}/notes`,
    body: {
      type: 'json',
      value: { body: String(formData.get('body') ?? ''), pinned: formData.get('pinned') === 'on' },
    },
  };
}

export function activityWrite(customerId: string, formData: FormData): QueuedWrite {
  return {
    kind: 'activity',
    label: 'Activité',
    method: 'POST',
    url: `${customerApi(customerId)}/activities`,
    body: { type: 'json', value: formFields(formData, ['metadata']) },
  };
}

export function consentWrite(customerId: string, formData: FormData): QueuedWrite {
  return {
    kind: 'consent',
    label: 'Consentement',
    method: 'POST',
    url: `${customerApi(customerId)}/consents`,
    body: { type: 'json', value: consentFormToInput(formFields(formData)) },
  };
}

/** « Démarrer » / « Terminer » buttons: the version the page showed travels with them. */
export function statusWrite(
  action: 'start' | 'complete',
  ids: { customerId: string; interventionId: string },
  updatedAt: string,
): QueuedWrite {
  return {
    kind: action === 'start' ? 'intervention-start' : 'intervention-complete',
    label: action === 'start' ? 'Démarrage de l’intervention' : 'Fin de l’intervention',
    method: 'POST',
    url: `${interventionApi(ids.customerId, ids.interventionId)}/${action}`,
    body: { type: 'json', value: { updatedAt } },
    version: { target: ids.interventionId, updatedAt },
  };
}

/** The report form: « Enregistrer » → PATCH with the report; « Terminer » → complete with it. */
export function reportWrite(ids: { customerId: string; interventionId: string }, formData: FormData): QueuedWrite {
  const input = reportFormInput(formData);
  const updatedAt = typeof input.updatedAt === 'string' ? input.updatedAt : undefined;
  const version = updatedAt ? { target: ids.interventionId, updatedAt } : undefined;
  const url = interventionApi(ids.customerId, ids.interventionId);
  if (formData.get('intent') === 'complete') {
    return {
      kind: 'intervention-complete',
      label: 'Compte rendu et fin de l’intervention',
      method: 'POST',
      url: `${url}/complete`,
      body: { type: 'json', value: { ...input, sendReport: formData.get('sendReport') === 'on' } },
      version,
    };
  }
  return {
    kind: 'intervention-report',
    label: 'Compte rendu',
    method: 'PATCH',
    url,
    body: { type: 'json', value: input },
    version,
  };
}

/** A photo or the signature, sent to the documents upload route like the online path does. */
export function uploadWrite(
  ids: { customerId: string; interventionId: string },
  file: Blob,
  name: string,
  extra: Record<string, string>,
): QueuedWrite {
  return {
    kind: 'upload',
    label: extra.signature === 'true' ? 'Signature du client' : `Photo ${name}`,
    method: 'POST',
    url: `${customerApi(ids.customerId)}/documents`,
    body: { type: 'form', fields: { interventionId: ids.interventionId, ...extra }, file: { blob: file, name } },
  };
}
