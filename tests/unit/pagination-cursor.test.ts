import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/pagination';

const schema = z.object({ n: z.string(), id: z.number() });

describe('pagination cursors (base64url JSON without Buffer)', () => {
  it('encodes exactly as Node base64url did (cursors already handed out stay valid) and round-trips UTF-8', () => {
    for (const value of [
      { n: 'Zoé Lefèvre — « élan »', id: 1 },
      { n: '🚗', id: 22 },
      { n: '', id: 333 },
    ]) {
      const cursor = encodeCursor(value);
      expect(cursor).toBe(Buffer.from(JSON.stringify(value), 'utf8').toString('base64url'));
      expect(decodeCursor(cursor, schema)).toEqual(value);
    }
  });

  it('answers 400 for a cursor that is not base64url JSON of the expected shape', () => {
    for (const bad of [
      '%%%',
      encodeCursor({ n: 1 }),
      Buffer.from([0xff, 0xfe]).toString('base64url'),
      'x'.repeat(2000),
    ])
      expect(() => decodeCursor(bad, schema)).toThrow('Curseur de pagination invalide.');
    expect(decodeCursor('', schema)).toBeNull();
  });
});
