import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from '@/lib/documents/sanitize';
import { looksLikeText, sniffHead } from '@/lib/documents/sniff';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['C:\\Users\\Léa\\Photo été.JPG', 'Photo été.JPG'],
    ['..', 'document'],
    ['...', 'document'],
    ['', 'document'],
    ['   ', 'document'],
    ['.htaccess', 'htaccess'],
    ['rapport.pdf.', 'rapport.pdf'],
    ['a\u0000b\u0007c.pdf', 'abc.pdf'],
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['  espaces   multiples  .pdf', 'espaces multiples .pdf'],
    ['a..b.pdf', 'a.b.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('truncates very long names and keeps the extension', () => {
    const out = sanitizeFileName(`${'é'.repeat(400)}.pdf`);
    expect(Array.from(out)).toHaveLength(150);
    expect(out.endsWith('.pdf')).toBe(true);
  });

  it('never returns a separator, a control character, ".." or an empty name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const out = sanitizeFileName(s);
        expect(out.length).toBeGreaterThan(0);
        expect(out).not.toMatch(/[/\\\u0000-\u001f\u007f]/);
        expect(out).not.toContain('..');
        expect(out.startsWith('.')).toBe(false);
        expect(Array.from(out).length).toBeLessThanOrEqual(150);
        expect(sanitizeFileName(out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('contentDisposition', () => {
  it('has an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('attachment', 'Facture été "2024".pdf')).toBe(
      `attachment; filename="Facture ete _2024_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9%20_2024_.pdf`,
    );
    expect(contentDisposition('inline', 'a\r\nSet-Cookie: x=1')).not.toMatch(/[\r\n]/);
  });
});

describe('text detection', () => {
  it('accepts UTF-8 text and CSV, refuses NUL, invalid UTF-8, markup and scripts', () => {
    expect(looksLikeText(Buffer.from('Élise;Lyon\n'), true)).toBe(true);
    expect(looksLikeText(Buffer.from('a\u0000b'), true)).toBe(false);
    expect(looksLikeText(Buffer.from([0xc3, 0x28]), true)).toBe(false);
    expect(looksLikeText(Buffer.from('  <svg onload=alert(1)>'), true)).toBe(false);
    expect(looksLikeText(Buffer.from('note\n<script>alert(1)</script>'), true)).toBe(false);
    expect(looksLikeText(Buffer.from('#!/bin/sh\nrm -rf /'), true)).toBe(false);
    // A multi-byte character cut at the end of a partial head is fine; in a complete file it is not.
    expect(looksLikeText(Buffer.from([0x61, 0xc3]), false)).toBe(true);
    expect(looksLikeText(Buffer.from([0x61, 0xc3]), true)).toBe(false);
  });

  it('labels text by extension only after the bytes were found to be text', async () => {
    expect((await sniffHead(Buffer.from('a;b\n'), true, 'x.csv')).mime).toBe('text/csv');
    expect((await sniffHead(Buffer.from('a;b\n'), true, 'x.pdf')).mime).toBe('text/plain');
    await expect(
      sniffHead(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), true, 'x.pdf'),
    ).rejects.toMatchObject({
      status: 415,
    });
  });
});
