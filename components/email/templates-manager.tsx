'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDateTime } from '@/components/ui/format';
import { useToast } from '@/components/ui/toast';
import { initialActionState } from '@/lib/action-state';
import { EMAIL_PURPOSE_LABELS } from '@/lib/email/labels';
import { deleteEmailTemplateAction } from '@/lib/email/template-actions';
import type { EmailTemplateDto } from '@/lib/email/template-schema';
import type { TemplateValues } from '@/lib/email/template-variables';
import { TemplateEditor } from './template-editor';

export interface TemplateSample {
  /** The customer the preview is rendered for. */
  name: string;
  values: TemplateValues;
}

/**
 * « Modèles d’e-mail »: the list (name, purpose, subject) with Modifier / Supprimer, and one editor at a time
 * (a new template or the one being changed) with its live preview.
 */
export function EmailTemplatesManager({
  templates,
  sample,
}: {
  templates: EmailTemplateDto[];
  sample: TemplateSample | null;
}) {
  const toast = useToast();
  const [editing, setEditing] = useState<'new' | string | null>(templates.length ? null : 'new');
  const current = editing && editing !== 'new' ? templates.find((t) => t.id === editing) : undefined;

  async function remove(t: EmailTemplateDto) {
    const r = await deleteEmailTemplateAction(t.id, initialActionState, new FormData());
    toast.show(r.message, r.ok ? 'success' : 'error');
    if (r.ok && editing === t.id) setEditing(null);
    return r.ok;
  }

  return (
    <div className="space-y-4">
      {editing ? (
        <TemplateEditor
          key={editing}
          template={current}
          sample={sample}
          onDone={() => setEditing(null)}
          onCancel={templates.length ? () => setEditing(null) : undefined}
        />
      ) : null}

      <Card
        title={`Modèles (${templates.length})`}
        flush
        actions={
          editing !== 'new' && (
            <Button size="sm" onClick={() => setEditing('new')}>
              Nouveau modèle
            </Button>
          )
        }
      >
        {templates.length === 0 ? (
          <div className="p-4">
            <EmptyState
              title="Aucun modèle"
              description="Créez un premier modèle : il sera proposé dans « Envoyer un e-mail » de chaque client."
            />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {templates.map((t) => (
              <li key={t.id} className="flex flex-col gap-2 p-4 md:flex-row md:items-center md:justify-between">
                <div className="min-w-0 space-y-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{t.name}</span>
                    <Badge>{EMAIL_PURPOSE_LABELS[t.purpose]}</Badge>
                  </p>
                  <p className="text-sm break-words text-slate-700">{t.subject}</p>
                  <p className="text-xs text-slate-600">Modifié le {formatDateTime(t.updatedAt)}</p>
                </div>
                <div className="flex shrink-0 flex-wrap gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => setEditing(t.id)}
                    aria-label={`Modifier le modèle ${t.name}`}
                  >
                    Modifier
                  </Button>
                  <ConfirmDialog
                    triggerLabel="Supprimer"
                    triggerSize="sm"
                    triggerAriaLabel={`Supprimer le modèle ${t.name}`}
                    title={`Supprimer le modèle « ${t.name} » ?`}
                    confirmLabel="Supprimer"
                    onConfirm={() => remove(t)}
                  >
                    <p>Les e-mails déjà envoyés avec ce modèle gardent leur texte.</p>
                  </ConfirmDialog>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
