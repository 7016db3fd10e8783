'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormMessage, SelectField, TextareaField, TextField } from '@/components/ui/field';
import { useActionToast } from '@/components/ui/toast';
import { lazyValidator, useFormAction, zodValidator } from '@/components/ui/use-form-action';
import { EMAIL_PURPOSE_LABELS, EMAIL_PURPOSES, type EmailPurpose } from '@/lib/email/labels';
import { createEmailTemplateAction, updateEmailTemplateAction } from '@/lib/email/template-actions';
import type { EmailTemplateDto } from '@/lib/email/template-schema';
import {
  renderTemplate,
  TEMPLATE_VARIABLE_NAMES,
  TEMPLATE_VARIABLES,
  templateTextProblems,
  type TemplateVariable,
  variableToken,
} from '@/lib/email/template-variables';
import type { TemplateSample } from './templates-manager';

// The schema (and zod) is fetched on the form's first focus, not with the page.
const validate = lazyValidator(() =>
  import('@/lib/email/template-schema').then((m) => zodValidator(m.emailTemplateCreateSchema)),
);

/**
 * Create or edit one template. The preview is rendered in the browser, on every keystroke, by the same
 * function the server uses, with the sample customer's values; what would be refused (unknown variable,
 * stray braces) shows under the field as it is typed, and again from the server on save.
 */
export function TemplateEditor({
  template,
  sample,
  onDone,
  onCancel,
}: {
  template?: EmailTemplateDto;
  sample: TemplateSample | null;
  onDone: () => void;
  onCancel?: () => void;
}) {
  const action = useMemo(
    () => (template ? updateEmailTemplateAction.bind(null, template.id) : createEmailTemplateAction),
    [template],
  );
  const { state, formAction, onSubmit, pending, errors } = useFormAction(action, { validate });
  useActionToast(state, { errors: false });
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);

  const [subject, setSubject] = useState(template?.subject ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [purpose, setPurpose] = useState<EmailPurpose>(template?.purpose ?? 'service');
  // Where « Insérer » puts a variable: the field the user was last in (the body by default).
  const target = useRef<'subject' | 'body'>('body');

  function insert(name: TemplateVariable) {
    const which = target.current;
    const el = document.getElementById(`template-${which}`) as HTMLInputElement | HTMLTextAreaElement | null;
    const value = which === 'subject' ? subject : body;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const token = variableToken(name);
    (which === 'subject' ? setSubject : setBody)(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  const preview = renderTemplate({ subject, body }, sample?.values ?? {});
  const live = (text: string) => templateTextProblems(text)[0];

  return (
    <Card title={template ? `Modifier « ${template.name} »` : 'Nouveau modèle'}>
      <div className="grid gap-6 lg:grid-cols-2">
        <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Modèle d’e-mail">
          <FormMessage state={state.ok ? null : state} />
          <TextField
            id="template-name"
            label="Nom du modèle"
            name="name"
            required
            maxLength={100}
            defaultValue={template?.name}
            error={errors.name}
            autoComplete="off"
          />
          <SelectField
            id="template-purpose"
            label="Finalité proposée"
            name="purpose"
            value={purpose}
            onChange={(e) => setPurpose(e.target.value as EmailPurpose)}
            options={EMAIL_PURPOSES.map((p) => ({ value: p, label: EMAIL_PURPOSE_LABELS[p] }))}
            hint="Le consentement du client est vérifié à chaque envoi."
            error={errors.purpose}
          />
          <TextField
            id="template-subject"
            label="Objet"
            name="subject"
            required
            maxLength={200}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            onFocus={() => (target.current = 'subject')}
            error={errors.subject ?? live(subject)}
          />
          <TextareaField
            id="template-body"
            label="Message"
            name="body"
            required
            rows={10}
            maxLength={20000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            onFocus={() => (target.current = 'body')}
            error={errors.body ?? live(body)}
          />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Insérer une variable</legend>
            <div className="flex flex-wrap gap-2">
              {TEMPLATE_VARIABLE_NAMES.map((name) => (
                <Button
                  key={name}
                  size="sm"
                  variant="secondary"
                  title={TEMPLATE_VARIABLES[name]}
                  aria-label={`Insérer ${TEMPLATE_VARIABLES[name].toLowerCase()}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(name)}
                >
                  <code>{variableToken(name)}</code>
                </Button>
              ))}
            </div>
          </fieldset>
          <div className="flex justify-end gap-2">
            {onCancel && (
              <Button variant="ghost" onClick={onCancel}>
                Annuler
              </Button>
            )}
            <Button type="submit" disabled={pending} aria-busy={pending || undefined}>
              {pending ? 'Enregistrement…' : template ? 'Enregistrer' : 'Créer le modèle'}
            </Button>
          </div>
        </form>

        <section aria-labelledby="template-preview-title" className="space-y-2">
          <h3 id="template-preview-title" className="text-sm font-semibold text-slate-900">
            Aperçu
          </h3>
          <p className="text-sm text-slate-600">
            {sample
              ? `Avec les valeurs du client ${sample.name}.`
              : 'Aucun client pour l’aperçu : les variables restent vides.'}
          </p>
          <div
            className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
            data-testid="template-preview"
          >
            <p className="font-medium break-words text-slate-900">{preview.subject || '(objet vide)'}</p>
            <p className="break-words whitespace-pre-wrap text-slate-800">{preview.body}</p>
          </div>
          {preview.missing.length > 0 && (
            <p className="text-sm text-amber-900">
              Sans valeur pour ce client (laissé vide) : {preview.missing.map((v) => TEMPLATE_VARIABLES[v]).join(' ; ')}
              .
            </p>
          )}
        </section>
      </div>
    </Card>
  );
}
