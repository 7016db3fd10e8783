import type { BackupManifest } from './manifest';

/** Console lines shared by `npm run backup` and `npm run restore` (French, like the rest of the CLI). */
export const fmtInt = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

export function fmtBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} Ko`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1).replace('.', ',')} Mo`;
  return `${(bytes / 1024 ** 3).toFixed(2).replace('.', ',')} Go`;
}

export const reportLine = (label: string, text: string) => `  ${label.padEnd(14)} : ${text}`;

export function describeManifest(m: BackupManifest): string[] {
  const counts = Object.values(m.database.rowCounts);
  const rows = counts.reduce((a, b) => a + b, 0);
  const driver = m.driver === 'pglite' ? 'PGlite embarqué' : `PostgreSQL ${m.database.serverVersion}`;
  const docs = m.documents.copied
    ? `${fmtInt(m.documents.count)} fichier(s), ${fmtBytes(m.documents.bytes)}, copiés dans l'archive`
    : `${fmtInt(m.documents.count)} fichier(s) sur UploadThing, référencés et non copiés`;
  return [
    reportLine(
      'Créée le',
      `${new Date(m.createdAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} (application ${m.appVersion})`,
    ),
    reportLine('Base', `${driver}, ${counts.length} tables, ${fmtInt(rows)} lignes (${m.database.tool})`),
    reportLine(
      'Migrations',
      `${m.database.migrations.applied} appliquée(s), dernière ${m.database.migrations.last ?? 'aucune'}`,
    ),
    reportLine('Documents', docs),
    ...m.warnings.map((w) => reportLine('Attention', w)),
  ];
}
