import ExcelJS from 'exceljs';
import type { ExportBundle } from './bundle';
import { parisWallClock } from '@/lib/paris-time';
import { bundleSections, type CellType, type CellValue, neutralizeFormula } from './cells';

/** One sheet per entity, typed cells: dates as dates, amounts as numbers in euros with a € format. */
export const MONEY_FORMAT = '#,##0.00 "€"';
export const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

export function xlsxValue(value: CellValue, type: CellType): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  // Excel has no time zones: a Date whose UTC fields are the Paris wall-clock time displays right.
  if (value instanceof Date) return parisWallClock(value);
  if (typeof value === 'number' || typeof value === 'boolean') return type === 'bool' ? (value ? 'Oui' : 'Non') : value;
  // exceljs never writes a string as a formula, but the file is opened by people who may
  // re-save it as CSV: neutralize here too.
  return neutralizeFormula(String(value));
}

export function styleColumn(column: Partial<ExcelJS.Column>, type: CellType): void {
  if (type === 'money') column.numFmt = MONEY_FORMAT;
  if (type === 'date') column.numFmt = DATE_FORMAT;
}

export async function renderCustomerXlsx(bundle: ExportBundle): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Customer 360';
  wb.created = new Date(bundle.generatedAt);
  for (const section of bundleSections(bundle)) {
    const ws = wb.addWorksheet(section.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = section.columns.map((c) => ({
      header: c.header,
      width: Math.max(12, Math.min(40, c.header.length + 6)),
    }));
    section.columns.forEach((c, i) => styleColumn(ws.getColumn(i + 1), c.type));
    ws.getRow(1).font = { bold: true };
    for (const row of section.rows) {
      const added = ws.addRow(section.columns.map((c) => xlsxValue(c.get(row), c.type)));
      // The identity sheet mixes types in one column: format its date cells one by one.
      section.columns.forEach((c, i) => {
        const cell = added.getCell(i + 1);
        if (cell.value instanceof Date) cell.numFmt = DATE_FORMAT;
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
