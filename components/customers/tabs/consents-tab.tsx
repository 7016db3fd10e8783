import { CompliancePanel } from '@/components/consents/compliance-panel';
import { ConsentHistory } from '@/components/consents/consent-history';
import { ConsentPanel } from '@/components/consents/consent-panel';
import { EmailFormLauncher } from '@/components/customers/email-form-launcher';
import { OutboxList } from '@/components/email/outbox-list';
import { Card } from '@/components/ui/card';
import type { CustomerAbilities, Role } from '@/lib/auth/permissions';
import { loadConsentsTab } from '@/lib/consents/compliance';
import { emailPurposeToConsent, EMAIL_PURPOSES } from '@/lib/email/schema';
import { env } from '@/lib/env';
import { orNotFound } from '@/lib/http/page-params';

/** Consents tab: grid, compliance, history, and the "Envoyer un e-mail" section with the outbox. */
export async function ConsentsTab({
  customer,
  role,
  abilities,
  historyCursor,
}: {
  customer: { id: string; email: string | null };
  /** Which documents may be cited as proof (their minimum role). */
  role: Role;
  abilities: Pick<CustomerAbilities, 'consentRecord' | 'emailSend'>;
  historyCursor?: string;
}) {
  const { state, compliance, history, proofDocuments, emails } = await orNotFound(
    loadConsentsTab(customer.id, role, historyCursor),
  );
  const canRecord = abilities.consentRecord;
  const canSend = abilities.emailSend;
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
          <EmailFormLauncher customerId={customer.id} to={customer.email} consentByPurpose={consentByPurpose} />
        ) : (
          <p className="text-sm text-slate-600">Votre rôle ne permet pas d’envoyer des e-mails aux clients.</p>
        )}
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-slate-900">Derniers e-mails</h3>
          <OutboxList emails={emails} smtpConfigured={!!env().SMTP_URL} />
        </div>
      </section>
    </div>
  );
}
