/**
 * Amounts of an intervention, computed by the server from its lines (a total sent by a client is
 * never read). Integer arithmetic only, so the result is exact and the same everywhere:
 *   line HT  = quantity × unit price HT, rounded to the cent (half up);
 *   line VAT = line HT × VAT rate, rounded to the cent (half up) — VAT is computed per line, so
 *              lines at different rates (parts 20 %, a 10 % service) are each exact;
 *   total HT = Σ line HT; VAT = Σ line VAT; total TTC = total HT + VAT.
 * An intervention marked "no charge" totals 0 whatever its lines (they stay as a record of the work).
 * No client framework import: the report form shows the same figures while typing.
 */
export interface PricedLine {
  /** Decimal with at most 2 places (1.5 hours of labour); a string is how numeric columns come back. */
  quantity: number | string;
  unitPriceHtCents: number;
  /** Basis points: 2000 = 20 %. */
  vatRateBp: number;
}

export interface Totals {
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
}

/** Half-up division of non-negative integers. */
function roundDiv(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** "1.5", "1,50", 1.5 → 150 hundredths; null when not a non-negative decimal with ≤ 2 places. */
export function quantityHundredths(quantity: number | string): number | null {
  const text = typeof quantity === 'number' ? String(quantity) : quantity.trim().replace(',', '.');
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function lineAmounts(line: PricedLine): { htCents: number; vatCents: number } {
  const hundredths = quantityHundredths(line.quantity);
  if (hundredths == null) throw new RangeError(`Quantité invalide : ${String(line.quantity)}`);
  const htCents = roundDiv(hundredths * line.unitPriceHtCents, 100);
  return { htCents, vatCents: roundDiv(htCents * line.vatRateBp, 10_000) };
}

export function computeTotals(lines: readonly PricedLine[], options: { noCharge?: boolean } = {}): Totals {
  if (options.noCharge) return { totalHtCents: 0, vatCents: 0, totalTtcCents: 0 };
  let totalHtCents = 0;
  let vatCents = 0;
  for (const line of lines) {
    const amounts = lineAmounts(line);
    totalHtCents += amounts.htCents;
    vatCents += amounts.vatCents;
  }
  return { totalHtCents, vatCents, totalTtcCents: totalHtCents + vatCents };
}
