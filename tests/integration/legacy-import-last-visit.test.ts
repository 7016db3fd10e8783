import { and, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { interventionLines, interventions, legacyIdMap } from '@/db/schema';
import { getVisitDates } from '@/lib/analytics/queries';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { importLegacy } from '@/lib/legacy-import/run';

/** A legacy CSV that carries a last-visit column (some exports of the old system do). */
const CSV = [
  'id;type;nom;prenom;email;cp;ville;date_creation;actif;derniere_visite',
  'LV1;P;Roux;Anne;anne.roux@exemple.fr;69003;Lyon;14/01/2016;1;03/06/2025',
  'LV2;P;Blanc;Paul;paul.blanc@exemple.fr;69003;Lyon;14/01/2016;1;',
  'LV3;P;Noir;Luc;luc.noir@exemple.fr;69003;Lyon;14/01/2016;1;31/02/2024',
].join('\r\n');

const importCsv = () =>
  importLegacy(getDb(), SYSTEM_ACTOR, { buffer: Buffer.from(CSV, 'utf8'), fileName: 'export-visites.csv' });

const customerOf = async (legacyId: string) =>
  (await getDb().select().from(legacyIdMap).where(eq(legacyIdMap.legacyId, legacyId)))[0]?.customerId;

describe('legacy import: last-visit date', () => {
  it('becomes one `done` intervention of kind `other` without lines, counted as a visit; idempotent on re-run', async () => {
    const first = await importCsv();
    expect(first.stats).toMatchObject({ imported: 2, rejected: 1 });
    const rejected = first.rows.find((r) => r.legacyId === 'LV3')!;
    expect(rejected.reasons).toEqual([
      expect.objectContaining({ code: 'invalid-last-visit', field: 'derniere_visite' }),
    ]);

    const anne = await customerOf('LV1');
    const rows = await getDb().select().from(interventions).where(eq(interventions.customerId, anne));
    expect(rows).toHaveLength(1);
    // 3 June 2025, midnight in Paris (UTC+2 in summer).
    expect(rows[0]).toMatchObject({
      kind: 'other',
      status: 'done',
      totalHtCents: 0,
      noCharge: true,
      completedAt: new Date('2025-06-02T22:00:00Z'),
      scheduledAt: new Date('2025-06-02T22:00:00Z'),
    });
    const [{ n: lines }] = await getDb()
      .select({ n: count() })
      .from(interventionLines)
      .where(eq(interventionLines.interventionId, rows[0].id));
    expect(lines).toBe(0);
    expect(await getVisitDates(getDb(), anne)).toEqual([new Date('2025-06-02T22:00:00Z')]);

    // No date, no intervention.
    const paul = await customerOf('LV2');
    const [{ n: none }] = await getDb()
      .select({ n: count() })
      .from(interventions)
      .where(eq(interventions.customerId, paul));
    expect(none).toBe(0);

    const again = await importCsv();
    expect(again.stats.imported).toBe(0);
    const [{ n: total }] = await getDb()
      .select({ n: count() })
      .from(interventions)
      .where(and(eq(interventions.kind, 'other'), eq(interventions.customerId, anne)));
    expect(total).toBe(1);
  });
});
