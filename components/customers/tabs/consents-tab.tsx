import { CompliancePanel } from '@/components/consents/compliance-panel';
import { ConsentHistory } from '@/components/consents/consent-history';
import { ConsentPanel } from '@/components/consents/consent-panel';
import { EmailFormLauncher } from '@/components/customers/email-form-launcher';
import { loadCustomer } from '@/components/customers/load-customer';
import { OutboxList } from '@/components/email/outbox-list';
import { Card } from '@/components/ui/card';
import { getDb } from '@/db';
import type { Actor } from '@/lib/auth/actor';
import { can } from '@/lib/auth/permissions';
import { checkCompliance } from '@/lib/consents/compliance';
import { getConsentState, listConsentEvents, listProofDocuments } from '@/lib/consents/queries';
import { listCustomerEmails } from '@/lib/email/queries';
import { emailPurposeToConsent, EMAIL_PURPOSES } from '@/lib/email/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

const HISTORY_PAGE = 20;

async function historyPage(customerId: string, cursor: string | undefined) {
  const db = getDb();
  try {
    return { page: await listConsentEvents(db, customerId, { limit: HISTORY_PAGE, cursor }), first: !cursor };
  } catch (error) {
    // A stale or hand-edited cursor in the URL: show the first page rather than an error.
    if (error instanceof AppError && error.code === 'bad_request') {
      return { page: await listConsentEvents(db, customerId, { limit: HISTORY_PAGE }), first: true };
    }
    throw error;
  }
}

/** Consents tab: grid, compliance, history, and the "Envoyer un e-mail" section with the outbox. */
export async function ConsentsTab({ id, actor, historyCursor }: { id: string; actor: Actor; historyCursor?: string }) {
  const customer = await loadCustomer(id);
  const db = getDb();
  const [{ state, compliance }, history, documents, emails] = await Promise.all([
    getConsentState(db, customer.id).then(async (s) => ({
      state: s,
      compliance: await checkCompliance(db, customer.id, { state: s }),
    })),
    historyPage(customer.id, historyCursor),
    listProofDocuments(db, customer.id, actor.role),
    listCustomerEmails(db, customer.id, 20),
  ]);
  const canRecord = can(actor.role, 'consent.record') && !customer.erasedAt;
  const canSend = can(actor.role, 'email.send') && !customer.erasedAt;
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
        <ConsentPanel customerId={customer.id} grid={state} documents={documents} canRecord={canRecord} />
      </Card>
      <Card
        title="Historique"
        description="Chaque accord et retrait est conservé tel quel : rien n’est jamais modifié ni supprimé."
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
