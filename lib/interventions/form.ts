/**
 * FormData of the interventions forms → the input of the shared zod schemas (lib/interventions/schema.ts).
 * No server import: the forms run it in the browser before sending, the server actions after.
 * Lines travel as one JSON field (`lines`): the report form edits them as a list of rows.
 */
const text = (formData: FormData, key: string): string | undefined => {
  const value = formData.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

const integer = (value: string | undefined): number | string | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/\s/g, ''));
  return Number.isFinite(n) ? n : value;
};

export function planFormInput(formData: FormData): Record<string, unknown> {
  return {
    kind: text(formData, 'kind'),
    scheduledAt: text(formData, 'scheduledAt'),
    durationMinutes: integer(text(formData, 'durationMinutes')),
    vehicleId: text(formData, 'vehicleId') ?? null,
    technicianId: text(formData, 'technicianId') ?? null,
    description: text(formData, 'description') ?? null,
    addressLine1: text(formData, 'addressLine1') ?? null,
    postalCode: text(formData, 'postalCode') ?? null,
    city: text(formData, 'city') ?? null,
  };
}

/** "65", "65,5", "1 234,56" (euros) → cents; anything else is passed on for the schema to refuse. */
export function eurosToCents(value: string): number | string {
  const normalized = value.replace(/[\s\u202f\u00a0€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalized)) return value;
  const [units, decimals = ''] = normalized.split('.');
  return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
}

/** One row of the report form, as typed. */
export interface LineDraft {
  label: string;
  quantity: string;
  /** Euros as typed ("65,00"). */
  unitPrice: string;
  vatRateBp: number;
}

export function linesFromDrafts(drafts: LineDraft[]) {
  return drafts.map((d) => ({
    label: d.label,
    quantity: d.quantity,
    unitPriceHtCents: d.unitPrice.trim() === '' ? 0 : eurosToCents(d.unitPrice),
    vatRateBp: d.vatRateBp,
  }));
}

/**
 * The report form: work done, odometer, "no charge", lines (JSON). A field the form does not
 * render (work done before the start) is left out, so it is not changed.
 */
export function reportFormInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const updatedAt = text(formData, 'updatedAt');
  if (updatedAt) input.updatedAt = updatedAt;
  if (formData.has('workDone')) input.workDone = text(formData, 'workDone') ?? null;
  if (formData.has('odometerKm')) input.odometerKm = integer(text(formData, 'odometerKm')) ?? null;
  if (formData.has('noChargeField')) input.noCharge = formData.get('noCharge') === 'on';
  const lines = text(formData, 'lines');
  if (lines !== undefined) {
    try {
      input.lines = JSON.parse(lines);
    } catch {
      input.lines = 'invalide';
    }
  }
  return input;
}
