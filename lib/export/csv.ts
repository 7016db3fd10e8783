import type { ExportBundle } from './bundle';
import { bundleSections, type CellType, type CellValue, formatCell } from './cells';

/**
 * One customer as ONE CSV file with one section per entity (Client, Contacts, Véhicules, …):
 * each section is a title line "[Titre]", a header line, its rows, then a blank line. UTF-8 with
 * BOM and `;` separators so French Excel opens it correctly; every text cell is neutralized
 * against formula injection (cells.ts).
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';
const EOL = '\r\n';

export function csvEscape(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: { value: CellValue; type: CellType }[]): string {
  return cells.map((c) => csvEscape(formatCell(c.value, c.type))).join(CSV_SEPARATOR) + EOL;
}

export function renderCustomerCsv(bundle: ExportBundle): Buffer {
  let out = CSV_BOM;
  for (const section of bundleSections(bundle)) {
    out += csvLine([{ value: `[${section.title}]`, type: 'text' }]);
    out += csvLine(section.columns.map((c) => ({ value: c.header, type: 'text' as const })));
    for (const row of section.rows) out += csvLine(section.columns.map((c) => ({ value: c.get(row), type: c.type })));
    out += EOL;
  }
  return Buffer.from(out, 'utf8');
}
