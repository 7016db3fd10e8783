import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveDate, archiveName, pruneArchives } from '@/lib/backup/prune';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'c360-prune-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DAY = 86_400_000;

describe('retention of npm run backup archives', () => {
  it('names archives by their UTC time and reads the date back', () => {
    const at = new Date('2026-03-05T07:08:09.010Z');
    expect(archiveName(at)).toBe('customer-360-2026-03-05T07-08-09-010Z.tar');
    expect(archiveDate(archiveName(at))).toEqual(at);
    expect(archiveDate('customer-360-2026-03-05.tar')).toBeNull();
    expect(archiveDate('notes.tar')).toBeNull();
  });

  it('deletes only our archives older than the retention, never the one just written nor anything else', async () => {
    const dir = path.join(tmp, 'backups');
    mkdirSync(dir);
    const now = new Date('2026-06-30T12:00:00.000Z');
    const names = {
      old: archiveName(new Date(now.getTime() - 31 * DAY)),
      borderline: archiveName(new Date(now.getTime() - 30 * DAY + 60_000)),
      recent: archiveName(new Date(now.getTime() - 2 * DAY)),
      oldKept: archiveName(new Date(now.getTime() - 40 * DAY)),
      foreign: 'customer-360-export.tar',
      other: 'notes.txt',
    };
    for (const name of Object.values(names)) writeFileSync(path.join(dir, name), 'x');
    mkdirSync(path.join(dir, '2025-01-01T00-00-00-000Z-abcdef12')); // a legacy-import backup directory
    const removed = await pruneArchives(dir, 30, now, path.join(dir, names.oldKept));
    expect(removed).toEqual([path.join(dir, names.old)]);
    expect(readdirSync(dir).sort()).toEqual(
      [
        names.borderline,
        names.recent,
        names.oldKept,
        names.foreign,
        names.other,
        '2025-01-01T00-00-00-000Z-abcdef12',
      ].sort(),
    );
    expect(await pruneArchives(path.join(tmp, 'missing'), 30, now)).toEqual([]);
  });
});
