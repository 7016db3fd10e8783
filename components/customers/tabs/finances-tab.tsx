import { ChartFigure } from '@/components/charts/chart-figure';
import { LazyLineChart } from '@/components/charts/lazy';
import { worthAChart } from '@/components/charts/options';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatDate, formatMoney, formatNumber } from '@/components/ui/format';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { loadFinancesTab } from '@/lib/finances/queries';
import { orNotFound } from '@/lib/http/page-params';
import { RiskBadge } from '../risk-badge';
import { InvoiceFormLauncher, PaymentFormLauncher } from '../finance-form-launchers';
import { InvoiceActions } from '../invoice-actions';
import { CorrectionsList } from './corrections-list';
import { InvoicesTable, type Params, PaymentsTable } from './finance-tables';

function Stat({ label, value, hint, alert }: { label: string; value: string; hint?: string; alert?: boolean }) {
  return (
    <div className={cn('rounded-lg border p-3', alert ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-white')}>
      <dt className={cn('text-xs font-medium uppercase tracking-wide', alert ? 'text-red-800' : 'text-slate-600')}>
        {label}
      </dt>
      <dd className={cn('mt-1 text-xl font-semibold tabular-nums', alert ? 'text-red-900' : 'text-slate-900')}>
        {value}
      </dd>
      {hint && <dd className={cn('text-xs', alert ? 'text-red-800' : 'text-slate-600')}>{hint}</dd>}
    </div>
  );
}

export async function FinancesTab({
  customerId,
  searchParams,
  abilities,
}: {
  customerId: string;
  searchParams: Params;
  abilities: Pick<CustomerAbilities, 'financeWrite'>;
}) {
  const canWrite = abilities.financeWrite;
  const { summary, risk, history, invoiceTable, paymentTable, openInvoices, corrections } = await orNotFound(
    loadFinancesTab(customerId, searchParams, { openInvoices: canWrite }),
  );
  const path = `/customers/${customerId}/finances`;

  return (
    <div className="space-y-6">
      <section aria-labelledby="fin-totals">
        <h2 id="fin-totals" className="sr-only">
          Totaux
        </h2>
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-6">
          <Stat
            label="Facturé"
            value={formatMoney(summary.invoicedCents)}
            hint={`${summary.invoiceCount} facture${summary.invoiceCount > 1 ? 's' : ''}${summary.creditedCents ? ` · avoirs ${formatMoney(-summary.creditedCents)}` : ''}`}
          />
          <Stat
            label="Payé"
            value={formatMoney(summary.paidCents)}
            hint={summary.refundedCents ? `remboursé ${formatMoney(summary.refundedCents)}` : undefined}
          />
          <Stat
            label="Solde dû"
            value={formatMoney(summary.balanceCents)}
            hint={summary.balanceCents < 0 ? 'à rembourser au client' : undefined}
          />
          <Stat
            label="En retard"
            value={formatMoney(summary.overdueCents)}
            hint={
              summary.overdueCount
                ? `${summary.overdueCount} facture${summary.overdueCount > 1 ? 's' : ''} échue${summary.overdueCount > 1 ? 's' : ''}`
                : 'Aucun retard'
            }
            alert={summary.overdueCents > 0}
          />
          <Stat
            label="Délai moyen de paiement"
            value={summary.averageDaysToPay == null ? '—' : `${formatNumber(summary.averageDaysToPay)} j`}
          />
          <Stat label="Dernier paiement" value={formatDate(summary.lastPaymentAt)} />
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Risque client" className="lg:col-span-1">
          <p className="flex items-baseline gap-3">
            <span className="text-4xl font-bold tabular-nums">{risk.score}</span>
            <span className="text-sm text-slate-600">/ 100</span>
            <RiskBadge level={risk.level} prefix="Risque" />
          </p>
          <ul className="mt-4 space-y-3">
            {risk.factors.map((f) => (
              <li key={f.code} className="text-sm">
                <div className="flex justify-between gap-2">
                  <span className="font-medium">{f.label}</span>
                  <span className="tabular-nums text-slate-700">
                    {f.points} / {f.maxPoints}
                  </span>
                </div>
                <div aria-hidden="true" className="mt-1 h-1.5 rounded bg-slate-100">
                  <div
                    className={cn('h-1.5 rounded', f.points ? 'bg-amber-500' : 'bg-slate-300')}
                    style={{ width: `${(100 * f.points) / f.maxPoints}%` }}
                  />
                </div>
                <p className="mt-1 text-xs text-slate-600">{f.detail}</p>
              </li>
            ))}
          </ul>
        </Card>

        <Card title="Historique du solde" className="lg:col-span-2">
          {worthAChart(history) ? (
            <ChartFigure
              title="Solde dû au fil du temps"
              description="Factures (+ TTC), paiements et avoirs (−), remboursements (+), cumulés jour par jour ; une facture annulée est retirée le jour de son annulation. Axe à partir de zéro."
              chart={
                <LazyLineChart
                  ariaLabel="Courbe du solde dû"
                  labels={history.map((p) => formatDate(p.date))}
                  series={[{ label: 'Solde', data: history.map((p) => p.balanceCents), color: '#1d4ed8' }]}
                  format="money"
                  stepped
                />
              }
              table={{
                caption: 'Solde par jour',
                headers: ['Date', 'Solde'],
                rows: history.map((p) => [formatDate(p.date), formatMoney(p.balanceCents)]),
              }}
            />
          ) : history.length ? (
            // Under three dates a chart says less than the numbers themselves.
            <ul aria-label="Solde par jour" className="divide-y divide-slate-100 text-sm">
              {history.map((p) => (
                <li key={String(p.date)} className="flex justify-between gap-4 py-1.5">
                  <span>{formatDate(p.date)}</span>
                  <span className="tabular-nums">{formatMoney(p.balanceCents)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">Pas encore de facture ni de paiement.</p>
          )}
        </Card>
      </div>

      <Card title="Factures" id="factures" flush className="scroll-mt-24">
        <InvoicesTable
          {...invoiceTable}
          path={path}
          params={searchParams}
          actions={
            canWrite
              ? (i) => (
                  <InvoiceActions
                    customerId={customerId}
                    invoice={{
                      id: i.id,
                      number: i.number,
                      status: i.status,
                      paidCents: i.paidCents,
                      creditableCents: i.creditableCents,
                      refundableCents: i.refundableCents,
                    }}
                  />
                )
              : undefined
          }
        />
      </Card>

      <Card title="Paiements" id="paiements" flush className="scroll-mt-24">
        <PaymentsTable {...paymentTable} path={path} params={searchParams} />
      </Card>

      {(corrections.creditNotes.length > 0 || corrections.refunds.length > 0) && (
        <Card title="Avoirs et remboursements" id="corrections" flush className="scroll-mt-24">
          <CorrectionsList {...corrections} />
        </Card>
      )}

      {canWrite && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Enregistrer une facture">
            <InvoiceFormLauncher customerId={customerId} />
          </Card>
          <Card title="Enregistrer un paiement">
            <PaymentFormLauncher
              customerId={customerId}
              openInvoices={openInvoices.map((i) => ({
                id: i.id,
                number: i.number,
                remainingCents: i.remainingCents,
                dueAt: i.dueAt.toISOString(),
              }))}
            />
          </Card>
        </div>
      )}
    </div>
  );
}
