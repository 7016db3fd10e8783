import type { interventionLines } from '@/db/schema';
import type { InterventionKind } from '@/db/schema/enums';
import { INTERVENTION_KIND_LABELS } from '@/lib/interventions/labels';
import { parisLocalToDate } from '@/lib/activity/schema';
import { parisToday } from '@/lib/interventions/time';
import type { Rng } from './random';

/**
 * What the demo technicians do: kinds with their frequency, typical parts and labour (prices HT,
 * in cents, at 65 € HT an hour of labour), the words of the reports and of cancellations.
 */
export const KIND_LABELS = INTERVENTION_KIND_LABELS;

export const KIND_WEIGHTS: Record<InterventionKind, number> = {
  maintenance: 40,
  repair: 17,
  tyres: 12,
  diagnostic: 8,
  bodywork: 8,
  inspection: 10,
  other: 5,
};

const LABOUR_CENTS = 6_500;

/** [label, unit price HT in cents, min quantity, max quantity]. */
type Part = readonly [string, number, number, number];

const CATALOG: Record<InterventionKind, { labour: [number, number]; parts: Part[]; pick: [number, number] }> = {
  maintenance: {
    labour: [1, 2],
    pick: [2, 4],
    parts: [
      ['Huile moteur 5W30 (L)', 1_150, 4, 5],
      ['Filtre à huile', 1_290, 1, 1],
      ['Filtre à air', 1_890, 1, 1],
      ['Filtre d’habitacle', 2_190, 1, 1],
      ['Bougie d’allumage', 1_200, 4, 4],
      ['Liquide de refroidissement (L)', 690, 2, 3],
    ],
  },
  repair: {
    labour: [1, 6],
    pick: [1, 2],
    parts: [
      ['Plaquettes de frein avant (jeu)', 6_490, 1, 1],
      ['Disque de frein avant', 5_990, 2, 2],
      ['Kit de distribution', 31_900, 1, 1],
      ['Pompe à eau', 8_900, 1, 1],
      ['Kit d’embrayage', 41_900, 1, 1],
      ['Batterie 70 Ah', 13_900, 1, 1],
    ],
  },
  tyres: {
    labour: [0.5, 1.5],
    pick: [1, 2],
    parts: [
      ['Pneu 205/55 R16', 8_490, 2, 4],
      ['Équilibrage (par roue)', 1_200, 2, 4],
      ['Géométrie (parallélisme)', 5_990, 1, 1],
      ['Valve', 350, 2, 4],
    ],
  },
  diagnostic: {
    labour: [0.5, 1],
    pick: [1, 1],
    parts: [['Diagnostic électronique (valise)', 5_900, 1, 1]],
  },
  bodywork: {
    labour: [2, 8],
    pick: [1, 2],
    parts: [
      ['Peinture et ingrédients', 18_000, 1, 2],
      ['Rétroviseur extérieur', 8_900, 1, 1],
      ['Pare-brise', 42_000, 1, 1],
      ['Réparation impact pare-brise', 6_900, 1, 1],
    ],
  },
  inspection: {
    labour: [0, 0],
    pick: [1, 1],
    parts: [['Contrôle technique périodique', 6_583, 1, 1]],
  },
  other: {
    labour: [0.5, 1],
    pick: [1, 2],
    parts: [
      ['Recharge climatisation', 7_490, 1, 1],
      ['Désinfection du circuit de climatisation', 2_990, 1, 1],
      ['Remplacement ampoule', 1_490, 1, 2],
    ],
  },
};

export const KIND_DESCRIPTIONS: Record<InterventionKind, string[]> = {
  maintenance: [
    'Vidange, filtres huile/air/habitacle, contrôle 30 points',
    'Révision constructeur, remise à zéro de l’indicateur',
    'Vidange et remplacement des bougies',
  ],
  repair: [
    'Remplacement plaquettes et disques avant',
    'Remplacement kit de distribution et pompe à eau',
    'Remplacement embrayage',
    'Remplacement batterie',
  ],
  tyres: [
    'Montage 4 pneus été, équilibrage, géométrie',
    'Permutation pneus hiver/été',
    'Réparation crevaison et équilibrage',
  ],
  diagnostic: [
    'Lecture des codes défaut, voyant moteur',
    'Diagnostic électronique complet',
    'Recherche de bruit en roulage',
  ],
  bodywork: ['Réparation pare-chocs arrière et peinture', 'Remplacement rétroviseur', 'Remplacement pare-brise'],
  inspection: ['Contrôle technique périodique', 'Contre-visite : points corrigés'],
  other: [
    'Recharge climatisation et désinfection',
    'Remplacement d’ampoules',
    'Recherche de fuite circuit de climatisation',
  ],
};

export const CANCEL_REASONS = [
  'Annulé à la demande du client',
  'Client absent au rendez-vous',
  'Reporté : pièce non disponible',
  'Véhicule vendu entre-temps',
];

export type LineDraft = Required<
  Pick<typeof interventionLines.$inferInsert, 'position' | 'label' | 'quantity' | 'unitPriceHtCents' | 'vatRateBp'>
>;

/** Parts and labour for a kind: a labour line (in half hours) and one or more parts. */
export function draftLines(rng: Rng, kind: InterventionKind): { lines: LineDraft[]; labourHours: number } {
  const spec = CATALOG[kind];
  const lines: LineDraft[] = [];
  const labourHours = rng.int(spec.labour[0] * 2, spec.labour[1] * 2) / 2;
  if (labourHours > 0)
    lines.push({
      position: 0,
      label: 'Main-d’œuvre',
      quantity: labourHours.toFixed(2),
      unitPriceHtCents: LABOUR_CENTS,
      vatRateBp: 2000,
    });
  const parts = rng.shuffle(spec.parts).slice(0, rng.int(spec.pick[0], Math.min(spec.pick[1], spec.parts.length)));
  for (const [label, price, lo, hi] of parts)
    lines.push({
      position: lines.length,
      label,
      quantity: rng.int(lo, hi).toFixed(2),
      unitPriceHtCents: price,
      vatRateBp: 2000,
    });
  return { lines, labourHours };
}

/** Odometer at `at`, back-computed at a constant pace from first registration to today's mileage. */
export function odometerAt(
  vehicle: { mileage?: number | null; firstRegistrationDate?: string | null },
  at: Date,
  now: Date,
) {
  if (vehicle.mileage == null || !vehicle.firstRegistrationDate) return null;
  const registered = Date.parse(`${vehicle.firstRegistrationDate}T00:00:00Z`);
  if (at.getTime() <= registered) return null;
  const share = Math.min(1, (at.getTime() - registered) / Math.max(now.getTime() - registered, 1));
  return Math.round((vehicle.mileage * share) / 10) * 10;
}

/** Today's slots (Paris wall clock) for the demo technician's "Ma journée". */
export function todaySlots(now: Date): Date[] {
  const day = parisToday(now);
  return ['08:00', '09:30', '11:00', '14:00', '15:30', '17:00'].map((t) => parisLocalToDate(`${day}T${t}`)!);
}
