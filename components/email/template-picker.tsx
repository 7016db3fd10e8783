'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { SelectField } from '@/components/ui/field';
import { initialActionState } from '@/lib/action-state';
import { renderEmailTemplateAction } from '@/lib/email/actions';
import type { EmailPreviewDto } from '@/lib/email/template-schema';
import { TEMPLATE_VARIABLES } from '@/lib/email/template-variables';

export interface TemplateChoice {
  id: string;
  name: string;
}

/**
 * « Modèle » in the send form: picking one asks the server to render it with this customer's values (next
 * intervention, vehicle, agency… as the database has them) and hands subject, body and purpose to the form,
 * where the user may still edit them. Variables without a value for this customer are named.
 */
export function TemplatePicker({
  customerId,
  templates,
  manageHref,
  onApply,
}: {
  customerId: string;
  templates: TemplateChoice[];
  /** « Gérer les modèles » for those who may edit them; null otherwise. */
  manageHref: string | null;
  onApply: (preview: EmailPreviewDto) => void;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message: string; missing: string[] } | null>(null);
  const manage = manageHref && (
    <Link href={manageHref} className="text-sm">
      Gérer les modèles
    </Link>
  );
  if (!templates.length) {
    return manage ? <p className="text-sm text-slate-600">Aucun modèle d’e-mail pour l’instant. {manage}</p> : null;
  }

  function apply(templateId: string) {
    setResult(null);
    if (!templateId) return;
    startTransition(async () => {
      const fd = new FormData();
      fd.set('templateId', templateId);
      const r = await renderEmailTemplateAction(customerId, initialActionState, fd);
      if (r.ok && r.data) onApply(r.data);
      setResult({
        ok: r.ok,
        message: r.ok ? `${r.message} Vous pouvez modifier le texte avant d’envoyer.` : r.message,
        missing: r.ok && r.data ? r.data.missing.map((v) => TEMPLATE_VARIABLES[v]) : [],
      });
    });
  }

  return (
    <div className="space-y-1">
      <SelectField
        id="email-template"
        label="Modèle"
        name="templateId"
        placeholder="Aucun (texte libre)"
        options={templates.map((t) => ({ value: t.id, label: t.name }))}
        defaultValue=""
        disabled={pending}
        aria-busy={pending || undefined}
        onChange={(e) => apply(e.target.value)}
        hint={manage || undefined}
      />
      {result && (
        <div
          role={result.ok ? 'status' : 'alert'}
          className={result.ok ? 'text-sm text-slate-700' : 'text-sm text-red-800'}
        >
          <p>{result.message}</p>
          {result.missing.length > 0 && (
            <p className="text-amber-900">Sans valeur pour ce client (laissé vide) : {result.missing.join(' ; ')}.</p>
          )}
        </div>
      )}
    </div>
  );
}
