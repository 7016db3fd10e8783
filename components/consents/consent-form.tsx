'use client';

import { useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { formatDate } from '@/components/ui/format';
import { useActionToast } from '@/components/ui/toast';
import { type FormErrors, useFormAction } from '@/components/ui/use-form-action';
import { recordConsentAction } from '@/lib/consents/actions';
import { consentWrite } from '@/lib/offline/forms';
import { useQueueable } from '@/components/offline/use-queueable';
import {
  channelLabel,
  MANUAL_CONSENT_SOURCES,
  purposeLabel,
  SOURCE_LABELS,
  type ConsentChannel,
  type ConsentPurpose,
} from '@/lib/consents/config';
import type { ProofDocumentOption } from '@/lib/consents/queries';
import { consentFormToInput } from '@/lib/consents/form';
import { consentRecordSchema } from '@/lib/consents/schema';

/** The same rules as the server, before anything is sent. */
function validate(formData: FormData): FormErrors | null {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    raw[key] = typeof value === 'string' && value.trim() === '' ? undefined : value;
  }
  const result = consentRecordSchema.safeParse(consentFormToInput(raw));
  if (result.success) return null;
  const errors: FormErrors = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
  return errors;
}

const SOURCE_OPTIONS = MANUAL_CONSENT_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }));

export interface ConsentFormProps {
  customerId: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
  documents: ProofDocumentOption[];
  onDone: () => void;
  onCancel: () => void;
}

/** Grant (with proof) or withdrawal of one purpose × channel. */
export function ConsentForm({ customerId, purpose, channel, granted, documents, onDone, onCancel }: ConsentFormProps) {
  const action = useMemo(() => recordConsentAction.bind(null, customerId), [customerId]);
  // Recorded on site without a network: queued for the API, sent when the connection returns.
  const queueable = useQueueable(action, (fd) => consentWrite(customerId, fd));
  const { state, onSubmit, formAction, errors, pending } = useFormAction(queueable, { validate });
  useActionToast(state, { errors: false });
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);

  const idp = `consent-${purpose}-${channel}`;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="purpose" value={purpose} />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="granted" value={granted ? 'true' : 'false'} />
      <p className="text-sm text-slate-700">
        {granted ? 'Accord' : 'Retrait'} du consentement <strong>« {purposeLabel(purpose)} »</strong> par{' '}
        <strong>{channelLabel(channel).toLowerCase()}</strong>.
      </p>
      {granted ? (
        <>
          <SelectField
            id={`${idp}-source`}
            label="Comment le client a-t-il donné son accord ?"
            name="source"
            options={SOURCE_OPTIONS}
            placeholder="Choisir…"
            required
            error={errors.source}
          />
          <TextField
            id={`${idp}-text`}
            label="Version du texte accepté"
            name="textVersion"
            required
            maxLength={100}
            placeholder="ex. CGU-2025-01"
            hint="La version exacte du texte présenté au client (preuve exigée par la CNIL)."
            error={errors.textVersion}
          />
          <TextareaField
            id={`${idp}-proof`}
            label="Preuve (facultatif)"
            name="proofText"
            rows={3}
            maxLength={2000}
            hint="Ex. : case cochée sur le formulaire web, référence du bon signé…"
            error={errors.proofText}
          />
          <SelectField
            id={`${idp}-doc`}
            label="Document signé (facultatif)"
            name="documentId"
            placeholder={documents.length ? 'Aucun' : 'Aucun document pour ce client'}
            options={documents.map((d) => ({ value: d.id, label: `${d.originalName} (${formatDate(d.uploadedAt)})` }))}
            disabled={!documents.length}
            error={errors.documentId}
          />
        </>
      ) : (
        <>
          <SelectField
            id={`${idp}-source`}
            label="Comment le client a-t-il demandé le retrait ?"
            name="source"
            options={SOURCE_OPTIONS}
            defaultValue="in-person"
            error={errors.source}
          />
          <p className="text-sm text-slate-600">
            Le retrait ne demande aucune preuve : votre nom, la date, l’adresse IP et le navigateur sont enregistrés.
          </p>
        </>
      )}
      {!state.ok && state.message && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Annuler
        </Button>
        <Button
          type="submit"
          variant={granted ? 'primary' : 'danger'}
          disabled={pending}
          aria-busy={pending || undefined}
        >
          {pending ? 'Enregistrement…' : granted ? 'Enregistrer l’accord' : 'Enregistrer le retrait'}
        </Button>
      </div>
    </form>
  );
}
