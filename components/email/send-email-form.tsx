'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextareaField, TextField } from '@/components/ui/field';
import { useActionToast } from '@/components/ui/toast';
import { useFormAction, zodValidator } from '@/components/ui/use-form-action';
import type { ConsentState } from '@/lib/consents/queries';
import { sendEmailAction } from '@/lib/email/actions';
import { EMAIL_PURPOSE_LABELS, EMAIL_PURPOSES, type EmailPurpose, sendEmailSchema } from '@/lib/email/schema';
import type { EmailPreviewDto } from '@/lib/email/template-schema';
import { type TemplateChoice, TemplatePicker } from './template-picker';

export interface SendEmailFormProps {
  customerId: string;
  to: string | null;
  /** Current state of the e-mail channel for each consent-bound purpose. */
  consentByPurpose: Partial<Record<EmailPurpose, ConsentState>>;
  /** « Modèle »: the templates to start from (rendered on the server for this customer). */
  templates: TemplateChoice[];
  /** The templates page, for those who may edit them; null otherwise. */
  templatesHref: string | null;
}

const validate = zodValidator(sendEmailSchema);

/**
 * "Envoyer un e-mail": the server checks the consent before anything is queued; the form warns
 * beforehand and shows a refusal or an SMTP failure plainly next to the button. A template fills
 * subject, body and purpose with the customer's values; the user edits them before sending.
 */
export function SendEmailForm({ customerId, to, consentByPurpose, templates, templatesHref }: SendEmailFormProps) {
  const action = useMemo(() => sendEmailAction.bind(null, customerId), [customerId]);
  const { state, onSubmit, formAction, errors, pending } = useFormAction(action, { validate });
  useActionToast(state, { errors: false });
  const [purpose, setPurpose] = useState<EmailPurpose>('service');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  // Sent or queued: clear subject and body so the same message is not sent twice by accident (during render,
  // once per answer: React's pattern for state that follows another).
  const [answered, setAnswered] = useState(state);
  if (answered !== state) {
    setAnswered(state);
    if (state.ok) {
      setSubject('');
      setBody('');
    }
  }
  useEffect(() => {
    if (state.ok) formRef.current?.reset();
  }, [state]);
  const applyTemplate = (preview: EmailPreviewDto) => {
    setSubject(preview.subject);
    setBody(preview.body);
    setPurpose(preview.purpose);
  };

  if (!to) {
    return (
      <p className="text-sm text-slate-700">
        Ce client n’a pas d’adresse e-mail : ajoutez-en une dans son profil pour lui écrire.
      </p>
    );
  }
  const consent = purpose === 'service' ? null : (consentByPurpose[purpose] ?? 'never');
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-4" noValidate>
      <p className="text-sm text-slate-700">
        Destinataire : <strong className="break-all">{to}</strong>
      </p>
      <TemplatePicker
        customerId={customerId}
        templates={templates}
        manageHref={templatesHref}
        onApply={applyTemplate}
      />
      <SelectField
        id="email-purpose"
        label="Finalité"
        name="purpose"
        options={EMAIL_PURPOSES.map((p) => ({ value: p, label: EMAIL_PURPOSE_LABELS[p] }))}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value as EmailPurpose)}
        error={errors.purpose}
        required
      />
      {consent && consent !== 'granted' && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {consent === 'withdrawn' ? 'Le client a retiré son consentement' : 'Le client n’a pas donné son consentement'}{' '}
          pour cette finalité par e-mail : l’envoi sera refusé et le refus enregistré.
        </p>
      )}
      <TextField
        id="email-subject"
        label="Objet"
        name="subject"
        required
        maxLength={200}
        error={errors.subject}
        value={subject}
        onChange={(e) => setSubject(e.target.value)}
      />
      <TextareaField
        id="email-body"
        label="Message"
        name="body"
        required
        rows={6}
        maxLength={20000}
        error={errors.body}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      {state.message && (
        <p
          role={state.ok ? 'status' : 'alert'}
          className={
            state.ok
              ? 'rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900'
              : 'rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm font-medium text-red-900'
          }
        >
          {state.message}
        </p>
      )}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
          {pending ? 'Envoi…' : 'Envoyer'}
        </Button>
      </div>
    </form>
  );
}
