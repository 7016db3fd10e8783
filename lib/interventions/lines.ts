import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { interventionLines } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { InterventionLineInput } from './schema';

type LineRow = typeof interventionLines.$inferSelect;

const normalizeLabel = (label: string) =>
  label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Technicians price nothing themselves (unless INTERVENTION_TECH_PRICING=1): a line they save
 * either has a unit price a manager already gave for the same label on this intervention, or 0 —
 * "à chiffrer", for the office to price before invoicing. Anything else is a 403 naming the line.
 */
export function assertTechnicianPrices(
  actor: Pick<Actor, 'role'>,
  given: readonly LineRow[],
  lines: readonly InterventionLineInput[],
) {
  if (actor.role !== 'technician' || env().INTERVENTION_TECH_PRICING) return;
  const allowed = new Map<string, Set<number>>();
  for (const line of given) {
    const key = normalizeLabel(line.label);
    allowed.set(key, (allowed.get(key) ?? new Set()).add(line.unitPriceHtCents));
  }
  for (const line of lines) {
    if (line.unitPriceHtCents === 0 || allowed.get(normalizeLabel(line.label))?.has(line.unitPriceHtCents)) continue;
    throw AppError.forbidden(
      `Prix non autorisé pour « ${line.label} » : un technicien ne peut utiliser que les prix fixés par un responsable. Laissez le prix à 0 : le bureau le complétera.`,
    );
  }
}

/** The lines are saved as a whole list: the new list replaces the old one, positions 0…n-1. */
export async function replaceLines(tx: Tx, interventionId: string, lines: readonly InterventionLineInput[]) {
  await tx.delete(interventionLines).where(eq(interventionLines.interventionId, interventionId));
  if (!lines.length) return [];
  return tx
    .insert(interventionLines)
    .values(
      lines.map((line, position) => ({
        interventionId,
        position,
        label: line.label,
        quantity: line.quantity,
        unitPriceHtCents: line.unitPriceHtCents,
        vatRateBp: line.vatRateBp,
      })),
    )
    .returning();
}
