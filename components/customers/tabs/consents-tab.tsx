import { CompliancePanel } from '@/components/consents/compliance-panel';
import { ConsentHistory } from '@/components/consents/consent-history';
import { ConsentPanel } from '@/components/consents/consent-panel';
import { EmailFormLauncher } from '@/components/customers/email-form-launcher';
import { OutboxList } from '@/components/email/outbox-list';
import { Card } from '@/components/ui/card';
import type { CustomerAbilities, Role } from '@/lib/auth/permissions';
import { loadConsentsTab } from '@/lib/consents/compliance';
import { emailPurposeToConsent, EMAIL_PURPOSES } from '@/lib/email/schema';
import { EMAIL_TEMPLATES_PATH } from '@/lib/email/template-schema';
import { loadEmailTemplateChoices } from '@/lib/email/templates';
import { env } from '@/lib/env';
import { orNotFound } from '@/lib/http/page-params';

/** Consents tab: grid, compliance, history, and the "Envoyer un e-mail" section with the outbox. */
export async function ConsentsTab({
  customer,
  role,
  abilities,
  historyCursor,
  emailsCursor,
  canManageTemplates,
}: {
  customer: { id: string; email: string | null };
  /** Which documents may be cited as proof (their minimum role). */
  role: Role;
  abilities: Pick<CustomerAbilities, 'consentRecord' | 'emailSend'>;
  historyCursor?: string;
  emailsCursor?: string;
  /** « Gérer les modèles » next to the template picker (email.template). */
  canManageTemplates: boolean;
}) {
  const canRecord = abilities.consentRecord;
  const canSend = abilities.emailSend;
  const [{ state, compliance, history, proofDocuments, emails }, templates] = await Promise.all([
    orNotFound(loadConsentsTab(customer.id, role, historyCursor, emailsCursor)),
    canSend ? loadEmailTemplateChoices() : [],
  ]);
  const consentByPurpose = Object.fromEntries(
    EMAIL_PURPOSES.filter((p) => p !== 'service').map((p) => [p, state[emailPurposeToConsent(p)].email.state]),
  );

  return (
    <div className="space-y-4">
      <Card
        title="Conformité (CNIL)"
        description="Preuves, durée de validité des consentements, conservation des données, envois."
      >
        <CompliancePanel report={compliance} />
      </Card>
      <Card
        title="Consentements"
        description={
          canRecord
            ? 'État actuel par finalité et par canal. Un accord demande la version du texte accepté ; un retrait, aucune preuve.'
            : 'État actuel par finalité et par canal.'
        }
      >
        <ConsentPanel customerId={customer.id} grid={state} documents={proofDocuments} canRecord={canRecord} />
      </Card>
      <Card
        title="Historique"
        description="Chaque accord et retrait est conservé tel quel : rien n’est jamais modifié ni supprimé."
        id="historique"
      >
        <ConsentHistory customerId={customer.id} page={history.page} isFirstPage={history.first} />
      </Card>
      <section
        id="email"
        aria-labelledby="email-title"
        className="scroll-mt-20 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 id="email-title" className="text-base font-semibold text-slate-900">
          Envoyer un e-mail
        </h2>
        {canSend ? (
          <EmailFormLauncher
            customerId={customer.id}
            to={customer.email}
            consentByPurpose={consentByPurpose}
            templates={templates}
            templatesHref={canManageTemplates ? EMAIL_TEMPLATES_PATH : null}
          />
        ) : (
          <p className="text-sm text-slate-600">Votre rôle ne permet pas d’envoyer des e-mails aux clients.</p>
        )}
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">E-mails envoyés et file d’envoi</h3>
          <OutboxList
            customerId={customer.id}
            page={emails.page}
            isFirstPage={emails.first}
            smtpConfigured={!!env().SMTP_URL}
            canRetry={canSend}
          />
        </div>
      </section>
    </div>
  );
}
