import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { activityDetails, activitySummary } from '@/components/activity/activity-details';
import { ActivityEntry } from '@/components/activity/activity-entry';
import { formatMoney } from '@/components/ui/format';
import { ACTIVITY_TYPES } from '@/db/schema/enums';
import { ACTIVITY_SAMPLES, CUSTOMER_ID, sampleDto } from './fixtures/activity-samples';

/** What a person reads: the text of the markup (tags and attributes dropped, entities decoded). */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CAMEL_CASE = /\b[a-z]+[A-Z][A-Za-z]*\b/;
// Stored codes that must be said in words (payment methods, statuses, purposes, channels, kinds…).
const RAW_CODES = [
  'cash',
  'card',
  'transfer',
  'check',
  'direct-debit',
  'diagnostic',
  'maintenance',
  'repair',
  'tyres',
  'planned',
  'in_progress',
  'done',
  'invoiced',
  'cancelled',
  'marketing',
  'service-notifications',
  'satisfaction-surveys',
  'paper-form',
  'sms',
  'individual',
  'company',
  'active',
  'inactive',
  'paid',
  'queued',
  'failed',
  'outbound',
  'housenumber',
  'vehicle-registration',
  'petrol',
  'hybrid',
  'granted-without-proof',
  'true',
  'false',
  'null',
];

const render = (name: string, i: number) =>
  renderToStaticMarkup(
    createElement(ActivityEntry, { activity: sampleDto(ACTIVITY_SAMPLES[name], i), customerId: CUSTOMER_ID }),
  );

describe('timeline cards say things in words', () => {
  it('has a sample for every activity type', () => {
    const covered = new Set(Object.values(ACTIVITY_SAMPLES).map((s) => s.type));
    expect(ACTIVITY_TYPES.filter((t) => !covered.has(t))).toEqual([]);
  });

  it.each(Object.keys(ACTIVITY_SAMPLES).map((name, i) => [name, i] as const))(
    '%s: no id, no cents, no camelCase key, no raw code',
    (name, i) => {
      const text = visibleText(render(name, i));
      expect(text).not.toMatch(UUID);
      expect(text).not.toMatch(/cents/i);
      expect(text).not.toMatch(CAMEL_CASE);
      for (const code of RAW_CODES) expect(text).not.toMatch(new RegExp(`(^|[\\s:(])${code}($|[\\s,.)])`));
      // Detail lines use the narrow no-break space before the colon.
      expect(text).not.toMatch(/ :/);
    },
  );

  it('a payment says the amount in euros, the method in words and links the invoice by its number', () => {
    const html = render('payment (finances mutation)', 0);
    const text = visibleText(html).replace(/\s+/g, ' ');
    expect(text).toContain('Montant : 61,68 €');
    expect(text).toContain('Moyen de paiement : Espèces');
    expect(html).toMatch(
      new RegExp(`<a href="/customers/${CUSTOMER_ID}/finances#invoice-[0-9a-f-]{36}"[^>]*>F-2025-0012</a>`),
    );
  });

  it('a cancellation, a credit note and a refund say amounts, reason and method in words, and link the invoice', () => {
    const cancelled = activityDetails(
      sampleDto(ACTIVITY_SAMPLES['invoice cancelled (finances corrections)']),
      CUSTOMER_ID,
    );
    expect(cancelled).toContainEqual({ label: 'Montant annulé', value: formatMoney(6167) });
    expect(cancelled).toContainEqual({ label: 'Motif', value: 'Facture en double' });
    expect(cancelled).toContainEqual({ label: 'Intervention', value: 'à refacturer' });
    const note = activityDetails(sampleDto(ACTIVITY_SAMPLES['credit note (finances corrections)']), CUSTOMER_ID);
    expect(note.slice(0, 3)).toEqual([
      { label: 'Avoir', value: 'AV-2025-000001' },
      {
        label: 'Facture',
        value: 'F-2025-0012',
        href: `/customers/${CUSTOMER_ID}/finances#invoice-00000000-0000-4000-8000-000000000001`,
      },
      { label: 'Montant TTC', value: formatMoney(2000) },
    ]);
    expect(note).toContainEqual({ label: 'À rembourser au client', value: formatMoney(2000) });
    const refund = activityDetails(sampleDto(ACTIVITY_SAMPLES['refund (finances corrections)']), CUSTOMER_ID);
    expect(refund).toContainEqual({ label: 'Moyen', value: 'Virement' });
    expect(refund).toContainEqual({ label: 'État de la facture', value: 'payée' });
  });

  it('an intervention says its kind as the kind of intervention, not of customer', () => {
    const lines = activityDetails(sampleDto(ACTIVITY_SAMPLES['intervention completed']), CUSTOMER_ID);
    expect(lines).toContainEqual({ label: 'Type d’intervention', value: 'Diagnostic' });
    expect(lines.map((l) => l.label)).not.toContain('Type de client');
    expect(lines).toContainEqual({ label: 'Kilométrage relevé', value: '98\u202f000 km' });
  });

  it('a consent says purpose, channel and « accordé / retiré » in words', () => {
    const granted = activityDetails(sampleDto(ACTIVITY_SAMPLES['consent granted']), CUSTOMER_ID);
    expect(granted.slice(0, 3)).toEqual([
      { label: 'Finalité', value: 'Prospection commerciale' },
      { label: 'Canal', value: 'E-mail' },
      { label: 'Décision', value: 'accordé' },
    ]);
    const withdrawn = activityDetails(sampleDto(ACTIVITY_SAMPLES['consent withdrawn']), CUSTOMER_ID);
    expect(withdrawn).toContainEqual({ label: 'Décision', value: 'retiré' });
    expect(withdrawn).toContainEqual({ label: 'Canal', value: 'SMS' });
  });

  it('a profile diff names fields in French and phones in national format', () => {
    const lines = activityDetails(sampleDto(ACTIVITY_SAMPLES['customer updated']), CUSTOMER_ID);
    expect(lines).toContainEqual({ label: 'Ville', value: 'Lyon → Paris' });
    expect(lines).toContainEqual({ label: 'Mobile', value: '— → 06\u00a012\u00a034\u00a056\u00a078' });
    expect(lines).toContainEqual({ label: 'Type de client', value: 'Particulier → Professionnel' });
  });

  it('an entry written by a bulk action says how many customers it changed', () => {
    const lines = activityDetails(sampleDto(ACTIVITY_SAMPLES['tag added by a bulk action']), CUSTOMER_ID);
    expect(lines).toContainEqual({ label: 'Étiquette', value: 'Flotte' });
    expect(lines).toContainEqual({ label: 'Action groupée', value: '12 clients' });
  });

  it('the 360 summary line is built from the same details', () => {
    const line = activitySummary(sampleDto(ACTIVITY_SAMPLES['payment (seed, direct debit)']), CUSTOMER_ID);
    expect(line.replace(/[\u202f\u00a0]/g, ' ')).toBe('Montant : 61,67 € · Moyen de paiement : Prélèvement');
  });

  it('a corrected or deleted manual entry says what it was, in words', () => {
    const corrected = activityDetails(sampleDto(ACTIVITY_SAMPLES['activity corrected']), CUSTOMER_ID);
    expect(corrected).toContainEqual({ label: 'Titre avant correction', value: 'Appel devis' });
    expect(corrected).toContainEqual({ label: 'Texte avant correction', value: 'Rappeler lundi.' });
    expect(corrected).toContainEqual({ label: 'Type avant correction', value: 'appel' });
    const deleted = activityDetails(sampleDto(ACTIVITY_SAMPLES['activity deleted']), CUSTOMER_ID);
    expect(deleted).toContainEqual({ label: 'Titre supprimé', value: 'Courrier reçu' });
    expect(deleted).toContainEqual({ label: 'Auteur', value: 'Claire Dubois' });
  });

  it('a document edit names the changed name, category and minimum role in words', () => {
    const lines = activityDetails(sampleDto(ACTIVITY_SAMPLES['document edited']), CUSTOMER_ID);
    expect(lines).toEqual([
      { label: 'Nom', value: 'scan_0001.pdf → devis-2025.pdf' },
      { label: 'Catégorie', value: 'Autre → Devis' },
      { label: 'Visible à partir de', value: 'Lecture seule → Responsable' },
    ]);
  });

  it('a corrected entry says so on its card', () => {
    const dto = { ...sampleDto(ACTIVITY_SAMPLES['visit (manual)']), editedAt: '2025-03-14T10:00:00.000Z' };
    const text = visibleText(
      renderToStaticMarkup(createElement(ActivityEntry, { activity: dto, customerId: CUSTOMER_ID })),
    );
    expect(text).toContain('corrigée le');
  });
});
