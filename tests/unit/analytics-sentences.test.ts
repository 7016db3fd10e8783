import { describe, expect, it } from 'vitest';
import {
  activitySentence,
  CONFIDENCE_RULE,
  confident,
  kindsSentence,
  MIN_CONFIDENCE,
  NOT_ENOUGH_HISTORY,
  predictionsSentence,
  predictionValue,
  profileSentence,
  vehiclesSentence,
} from '@/components/customers/analytics/plain-french';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const JARGON = /RFM|quintile|moindres carrés|\bR \d|\bF \d|\bM \d|Confiance/i;

describe('profile sentence', () => {
  it('says the segment as a person, visits and amount over 24 months', () => {
    const s = profileSentence({ segment: 'new', frequency: 1, monetaryCents: 6167, recencyDays: 12 });
    expect(plain(s)).toBe('Client récent : 1 visite, 62 € en 24 mois, dernière il y a 12 jours.');
    expect(s).not.toMatch(JARGON);
  });
  it('plural, months and years for older visits', () => {
    expect(plain(profileSentence({ segment: 'loyal', frequency: 5, monetaryCents: 124000, recencyDays: 95 }))).toBe(
      'Client fidèle : 5 visites, 1 240 € en 24 mois, dernière il y a 3 mois.',
    );
  });
  it('without a segment: pending, inactive, or nothing yet', () => {
    expect(
      plain(profileSentence({ segment: null, frequency: 0, monetaryCents: 0, recencyDays: null, pending: true })),
    ).toBe('Client pas encore classé : aucune visite ni facture en 24 mois.');
    expect(
      plain(profileSentence({ segment: null, frequency: 2, monetaryCents: 9000, recencyDays: 400, inBase: false })),
    ).toBe('Client inactif : 2 visites, 90 € en 24 mois, dernière il y a 13 mois.');
  });
});

describe('confidence rule', () => {
  it('shows a prediction from the stated threshold up, « pas assez d’historique » below', () => {
    expect(MIN_CONFIDENCE).toBe(0.5);
    expect(confident(0.5)).toBe(true);
    expect(confident(0.49)).toBe(false);
    expect(confident(0.1)).toBe(false);
    expect(confident(null)).toBe(false);
    expect(confident(Number.NaN)).toBe(false);
    expect(predictionValue(0.1, () => '12 mai 2025')).toBe(NOT_ENOUGH_HISTORY);
    expect(predictionValue(0.8, () => '12 mai 2025')).toBe('12 mai 2025');
    expect(NOT_ENOUGH_HISTORY).toBe('Pas assez d’historique');
    expect(plain(CONFIDENCE_RULE)).toBe('Une prévision n’est affichée qu’à partir de 50 % de confiance.');
  });
  it('the predictions sentence leaves out what is not confident enough', () => {
    const base = {
      nextVisitAt: new Date('2025-05-12T10:00:00Z'),
      nextVisitOverdue: false,
      trend: 'flat' as const,
      churnLevel: 'low' as const,
    };
    expect(plain(predictionsSentence({ ...base, nextVisitConfidence: 0.7, trendConfidence: 0.6 }))).toBe(
      'Prochaine visite attendue vers le 12 mai 2025 ; chiffre d’affaires stable ; risque de départ faible.',
    );
    expect(plain(predictionsSentence({ ...base, nextVisitConfidence: 0.1, trendConfidence: 0.1 }))).toBe(
      'Risque de départ faible.',
    );
    expect(predictionsSentence({ ...base, churnLevel: 'unknown', nextVisitConfidence: 0.1, trendConfidence: 0 })).toBe(
      'Pas assez d’historique pour prévoir la suite.',
    );
  });
});

describe('block sentences', () => {
  it('activity over the months shown', () => {
    const months = [
      { month: '2024-03', visits: 1, revenueCents: 50000 },
      { month: '2024-04', visits: 0, revenueCents: 0 },
      { month: '2024-05', visits: 2, revenueCents: 74000 },
    ];
    expect(plain(activitySentence(months))).toBe('3 visites et 1 240 € HT depuis mars 2024.');
    expect(activitySentence([])).toBe('Aucune visite ni chiffre d’affaires en 24 mois.');
  });
  it('kinds and vehicles', () => {
    expect(
      kindsSentence([
        { label: 'Entretien', count: 3 },
        { label: 'Diagnostic', count: 1 },
      ]),
    ).toBe('4 interventions terminées, surtout Entretien (3).');
    expect(plain(kindsSentence([{ label: 'Diagnostic', count: 1 }]))).toBe('1 intervention terminée : Diagnostic.');
    expect(vehiclesSentence([{ visits: 2 }, { visits: 3 }])).toBe('2 véhicules, 5 visites en tout.');
    expect(vehiclesSentence([])).toBe('Aucun véhicule enregistré.');
  });
});
