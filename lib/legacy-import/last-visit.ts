import type { interventions } from '@/db/schema';
import type { RejectReason } from './map';

/**
 * The last-visit date some legacy exports carry. Imported as one intervention `done` of kind
 * `other` (autre) without lines, so analytics (recency, visits, next-visit prediction) have
 * history from day one. Re-running the import skips known legacy ids, so it is written once.
 */
export const LAST_VISIT_COLUMNS = ['derniere_visite', 'date_derniere_visite', 'der_visite', 'last_visit'] as const;

type DateMapper = (value: string) => Date | null | undefined;

/** The first last-visit column present: its date (null when empty or absent), or why it is rejected. */
export function mapLastVisit(
  fields: Record<string, string>,
  mapDate: DateMapper,
): { lastVisitAt: Date | null } | { reason: RejectReason } {
  const column = LAST_VISIT_COLUMNS.find((c) => fields[c] !== undefined);
  if (!column) return { lastVisitAt: null };
  const raw = (fields[column] ?? '').trim();
  const date = mapDate(raw);
  if (date === undefined) {
    return {
      reason: {
        code: 'invalid-last-visit',
        field: column,
        message: `Date de dernière visite impossible : « ${raw} ».`,
      },
    };
  }
  return { lastVisitAt: date };
}

/** The intervention row for one imported customer's last visit (none without a date). */
export function lastVisitIntervention(
  customerId: string,
  lastVisitAt: Date | null,
  createdBy: string | null,
): (typeof interventions.$inferInsert)[] {
  if (!lastVisitAt) return [];
  return [
    {
      customerId,
      kind: 'other',
      status: 'done',
      description: 'Dernière visite (import de l’ancien logiciel)',
      workDone: 'Dernière visite enregistrée dans l’ancien logiciel.',
      scheduledAt: lastVisitAt,
      durationMinutes: 60,
      startedAt: lastVisitAt,
      completedAt: lastVisitAt,
      noCharge: true,
      createdBy,
    },
  ];
}
