import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatDateTime, formatMoney, formatNumber } from '@/components/ui/format';
import type { CustomerAbilities } from '@/lib/auth/permissions';
import { geoAddressUri } from '@/lib/geo/links';
import { kindLabel, VAT_RATE_LABELS } from '@/lib/interventions/labels';
import type { InterventionPageData } from '@/lib/interventions/page';
import { PhotoUpload } from './photo-upload';
import { ReportForm } from './report-form';
import { SignatureField } from './signature-field';
import { ActionButton, CancelForm } from './status-actions';
import { addressText, durationText, InterventionStatusBadge } from './status-badge';

const docUrl = (customerId: string, docId: string, inline = false) =>
  `/api/customers/${customerId}/documents/${docId}${inline ? '?inline=1' : ''}`;

/** The intervention page: what, when, where; status actions in thumb reach; the report; photos; signature. */
export function InterventionView({
  data,
  customer,
  customerAbilities,
}: {
  data: InterventionPageData;
  customer: { id: string; phone: string | null; mobile: string | null };
  customerAbilities: Pick<CustomerAbilities, 'financeRead'>;
}) {
  const { intervention: iv, abilities } = data;
  const address = addressText(iv);
  const phone = customer.mobile ?? customer.phone;
  const version = iv.updatedAt.toISOString();
  const ids = { customerId: customer.id, interventionId: iv.id };
  const showMoney = customerAbilities.financeRead || abilities.pricing;
  return (
    <div className="space-y-4 pb-4">
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            {kindLabel(iv.kind)} <InterventionStatusBadge status={iv.status} />
          </span>
        }
        actions={
          <Link href={`/customers/${customer.id}/interventions`} className={buttonClasses('ghost', 'sm')}>
            Toutes les interventions
          </Link>
        }
      >
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Prévue le</dt>
            <dd className="font-medium">
              {formatDateTime(iv.scheduledAt)} · {durationText(iv.durationMinutes)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Technicien</dt>
            <dd className="font-medium">{iv.technician?.name ?? 'À affecter'}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Véhicule</dt>
            <dd className="font-medium">
              {iv.vehicle
                ? `${iv.vehicle.label}${iv.vehicle.mileage != null ? ` · ${formatNumber(iv.vehicle.mileage)} km` : ''}`
                : '—'}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Adresse</dt>
            <dd className="font-medium">
              {address ? (
                <a href={geoAddressUri(address)} className="inline-flex min-h-11 items-center sm:min-h-0">
                  {address}
                </a>
              ) : (
                '—'
              )}
            </dd>
          </div>
          {phone && (
            <div>
              <dt className="text-slate-600">Téléphone du client</dt>
              <dd>
                <a href={`tel:${phone}`} className="inline-flex min-h-11 items-center font-medium sm:min-h-0">
                  {phone}
                </a>
              </dd>
            </div>
          )}
          {iv.startedAt && (
            <div>
              <dt className="text-slate-600">Démarrée</dt>
              <dd>{formatDateTime(iv.startedAt)}</dd>
            </div>
          )}
          {iv.completedAt && (
            <div>
              <dt className="text-slate-600">Terminée</dt>
              <dd>{formatDateTime(iv.completedAt)}</dd>
            </div>
          )}
          {iv.description && (
            <div className="sm:col-span-2">
              <dt className="text-slate-600">Travaux demandés</dt>
              <dd className="whitespace-pre-line">{iv.description}</dd>
            </div>
          )}
          {iv.cancelReason && (
            <div className="sm:col-span-2">
              <dt className="text-slate-600">Motif d’annulation</dt>
              <dd className="text-red-800">{iv.cancelReason}</dd>
            </div>
          )}
          {iv.invoiceId && (
            <div>
              <dt className="text-slate-600">Facture</dt>
              <dd>
                {customerAbilities.financeRead ? (
                  <Link href={`/customers/${customer.id}/finances#factures`}>{iv.invoiceNumber}</Link>
                ) : (
                  iv.invoiceNumber
                )}
              </dd>
            </div>
          )}
          {iv.reportDocumentId && (
            <div>
              <dt className="text-slate-600">Rapport</dt>
              <dd>
                <a
                  href={docUrl(customer.id, iv.reportDocumentId)}
                  className="inline-flex min-h-11 items-center sm:min-h-0"
                >
                  Télécharger le rapport (PDF)
                </a>
              </dd>
            </div>
          )}
        </dl>
      </Card>

      {(abilities.start || abilities.invoice || abilities.cancel) && (
        // On phones the main action sits at the bottom of the screen, in thumb reach.
        <div className="sticky bottom-0 z-10 -mx-3 space-y-2 border-t border-slate-200 bg-white/95 px-3 py-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
          {abilities.start && (
            <ActionButton {...ids} action="start" updatedAt={version} label="Démarrer" pendingLabel="Démarrage…" />
          )}
          {abilities.invoice && (
            <ActionButton {...ids} action="invoice" updatedAt={version} label="Facturer" pendingLabel="Facturation…" />
          )}
          {abilities.cancel && <CancelForm {...ids} updatedAt={version} />}
        </div>
      )}

      {abilities.report ? (
        <Card title={iv.status === 'planned' ? 'Lignes prévues' : 'Compte rendu'} id="compte-rendu">
          <ReportForm
            {...ids}
            updatedAt={version}
            started={iv.status === 'in_progress'}
            canComplete={abilities.complete}
            pricing={abilities.pricing}
            hasVehicle={!!iv.vehicle}
            mileage={iv.vehicle?.mileage ?? null}
            initial={{ workDone: iv.workDone, odometerKm: iv.odometerKm, noCharge: iv.noCharge, lines: iv.lines }}
          />
        </Card>
      ) : (
        (iv.workDone || iv.lines.length > 0) && (
          <Card title="Compte rendu" id="compte-rendu">
            {iv.workDone && <p className="whitespace-pre-line text-sm">{iv.workDone}</p>}
            {iv.odometerKm != null && <p className="mt-2 text-sm">Kilométrage : {formatNumber(iv.odometerKm)} km</p>}
            {iv.lines.length > 0 && (
              <ul className="mt-3 divide-y divide-slate-100 text-sm">
                {iv.lines.map((l) => (
                  <li key={l.id} className="flex justify-between gap-2 py-1">
                    <span>
                      {l.label} × {String(l.quantity).replace('.', ',')}
                    </span>
                    {showMoney && (
                      <span className="tabular-nums">
                        {formatMoney(l.totalHtCents)} HT · TVA {VAT_RATE_LABELS[l.vatRateBp]}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {iv.noCharge && <p className="mt-2 text-sm font-medium">Sans facturation</p>}
            {showMoney && !iv.noCharge && (
              <p className="mt-2 text-sm font-medium tabular-nums">
                Total : {formatMoney(iv.totalHtCents)} HT · {formatMoney(iv.totalTtcCents)} TTC
              </p>
            )}
          </Card>
        )
      )}

      <Card title="Photos">
        {iv.photos.length ? (
          <ul className="mb-3 grid grid-cols-3 gap-2 sm:grid-cols-6">
            {iv.photos.map((p) => (
              <li key={p.id}>
                <a href={docUrl(customer.id, p.id, true)} target="_blank" rel="noreferrer">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a private document behind the API, not a static asset */}
                  <img
                    src={docUrl(customer.id, p.id, true)}
                    alt={p.description ?? p.originalName}
                    className="aspect-square w-full rounded object-cover"
                    loading="lazy"
                  />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-600">Aucune photo.</p>
        )}
        {abilities.attach && <PhotoUpload {...ids} />}
      </Card>

      <Card title="Signature du client">
        {iv.signatureDocumentId && (
          // eslint-disable-next-line @next/next/no-img-element -- a private document behind the API
          <img
            src={docUrl(customer.id, iv.signatureDocumentId, true)}
            alt="Signature du client"
            className="mb-3 h-24 rounded border border-slate-200 bg-white"
          />
        )}
        {abilities.attach && (iv.status === 'in_progress' || iv.status === 'done') ? (
          <SignatureField {...ids} />
        ) : (
          !iv.signatureDocumentId && <p className="text-sm text-slate-600">Pas de signature.</p>
        )}
      </Card>
    </div>
  );
}
