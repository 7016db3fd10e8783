import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/**
 * Reading the old system's flat customer export. The file may be UTF-8 (with or without BOM) or
 * Windows-1252 (what the old system wrote); `;`-separated CSV with quoted multi-line fields, or a
 * JSON array of the same records. Every record keeps the physical line where it starts, so rejects
 * can be reported against the file the user has in hand.
 */
export type LegacyEncoding = 'utf-8' | 'windows-1252';
export type LegacyFormat = 'csv' | 'json';

export interface LegacyRecord {
  /** Physical line where the record starts (CSV), or its 1-based position (JSON). */
  line: number;
  /** Column → raw text value (trimmed). */
  fields: Record<string, string>;
  /** The record as written in the file: two identical raw records are an exact duplicate line. */
  raw: string;
}

export interface ParsedLegacyFile {
  encoding: LegacyEncoding;
  format: LegacyFormat;
  columns: string[];
  records: LegacyRecord[];
}

export class LegacyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LegacyParseError';
  }
}

/** Valid UTF-8 first (a Windows-1252 accent is never valid UTF-8 on its own), else Windows-1252. */
export function detectEncoding(buf: Buffer): LegacyEncoding {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function decodeLegacy(buf: Buffer): { text: string; encoding: LegacyEncoding } {
  const encoding = detectEncoding(buf);
  const text = encoding === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, 'win1252');
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v)).trim();

function parseJsonRecords(text: string): Omit<ParsedLegacyFile, 'encoding'> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new LegacyParseError('Fichier JSON mal formé.');
  }
  if (!Array.isArray(data)) throw new LegacyParseError('Le fichier JSON doit contenir un tableau d’enregistrements.');
  const columns = new Set<string>();
  const records = data.map((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { line: i + 1, fields: {}, raw: JSON.stringify(item) };
    }
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(item as Record<string, unknown>)) {
      columns.add(k.trim());
      fields[k.trim()] = str(v);
    }
    return { line: i + 1, fields, raw: JSON.stringify(item) };
  });
  return { format: 'json', columns: [...columns], records };
}

function parseCsvRecords(text: string): Omit<ParsedLegacyFile, 'encoding'> {
  let rows: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    rows = parseCsv(text, {
      delimiter: ';',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    throw new LegacyParseError(
      `CSV illisible${e.lines ? ` vers la ligne ${e.lines}` : ''} : ${e.message ?? 'erreur inconnue'}`,
    );
  }
  if (!rows.length) throw new LegacyParseError('Le fichier est vide.');
  const columns = rows[0].record.map((c) => c.trim());
  const records: LegacyRecord[] = [];
  for (const row of rows.slice(1)) {
    const raw = row.raw.replace(/\r?\n$/, '');
    // info.lines is the line where the record ends; a quoted multi-line field spans extra lines.
    const newlines = (raw.match(/\n/g) ?? []).length;
    const fields: Record<string, string> = {};
    columns.forEach((c, i) => (fields[c] = str(row.record[i])));
    records.push({ line: row.info.lines - newlines, fields, raw: raw.replace(/\r\n/g, '\n') });
  }
  return { format: 'csv', columns, records };
}

export function parseLegacyFile(buf: Buffer, fileName = ''): ParsedLegacyFile {
  const { text, encoding } = decodeLegacy(buf);
  const looksJson = /\.json$/i.test(fileName) || /^\s*\[/.test(text);
  return { encoding, ...(looksJson ? parseJsonRecords(text) : parseCsvRecords(text)) };
}
