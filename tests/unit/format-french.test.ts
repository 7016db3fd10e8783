import { describe, expect, it } from 'vitest';
import { formatBytes, frenchText, labelValue, NNBSP, quoted } from '@/components/ui/format';
import { formatPhone } from '@/components/ui/format/phone';

const N = NNBSP;

describe('frenchText: spaces before « : ; ? ! » and inside « »', () => {
  it('turns an ordinary or no-break space before high punctuation into a narrow no-break space', () => {
    expect(frenchText('Solde : 12 €')).toBe(`Solde${N}: 12 €`);
    expect(frenchText('Vraiment ? Oui !')).toBe(`Vraiment${N}? Oui${N}!`);
    expect(frenchText('a ; b')).toBe(`a${N}; b`);
    expect(frenchText('Clé\u00a0: valeur')).toBe(`Clé${N}: valeur`);
    expect(frenchText('Clé   : valeur')).toBe(`Clé${N}: valeur`);
  });
  it('adds the space when the punctuation is glued to the word', () => {
    expect(frenchText('Pourquoi?')).toBe(`Pourquoi${N}?`);
    expect(frenchText('Attention!')).toBe(`Attention${N}!`);
    expect(frenchText('Ville: Lyon')).toBe(`Ville${N}: Lyon`);
    expect(frenchText('Ville:')).toBe(`Ville${N}:`);
  });
  it('leaves times, URLs and query strings alone', () => {
    expect(frenchText('RDV à 10:30')).toBe('RDV à 10:30');
    expect(frenchText('https://example.fr/a?b=1')).toBe('https://example.fr/a?b=1');
    expect(frenchText('Authorization: Bearer')).toBe(`Authorization${N}: Bearer`);
  });
  it('glues guillemets to their content', () => {
    expect(frenchText('Segment « Fidèles »')).toBe(`Segment «${N}Fidèles${N}»`);
    expect(frenchText('«Fidèles»')).toBe(`«${N}Fidèles${N}»`);
    expect(quoted('Fidèles')).toBe(`«${N}Fidèles${N}»`);
    expect(labelValue('Moyen', 'Espèces')).toBe(`Moyen${N}: Espèces`);
  });
  it('is idempotent and accepts null', () => {
    const once = frenchText("Segment « A » : l'adresse ? ratio 0.1");
    expect(frenchText(once)).toBe(once);
    expect(frenchText(null)).toBe('');
    expect(frenchText(undefined)).toBe('');
  });
});

describe('frenchText: apostrophes', () => {
  it('uses the curly apostrophe between letters', () => {
    expect(frenchText("l'adresse d'aujourd'hui")).toBe('l’adresse d’aujourd’hui');
    expect(frenchText("L'Étiquette")).toBe('L’Étiquette');
    expect(frenchText('déjà l’adresse')).toBe('déjà l’adresse');
  });
  it('keeps quotes that are not apostrophes', () => {
    expect(frenchText("'code'")).toBe("'code'");
  });
});

describe('frenchText: decimal comma', () => {
  it('writes a decimal comma', () => {
    expect(frenchText('ratio 0.1')).toBe('ratio 0,1');
    expect(frenchText('(ratio 12.75).')).toBe('(ratio 12,75).');
  });
  it('leaves dotted runs (dates, versions, addresses) and sentence dots alone', () => {
    expect(frenchText('le 14.03.2025')).toBe('le 14.03.2025');
    expect(frenchText('version 1.2.3')).toBe('version 1.2.3');
    expect(frenchText('192.168.0.1')).toBe('192.168.0.1');
    expect(frenchText('Fin. Suite 3. Puis')).toBe('Fin. Suite 3. Puis');
  });
  it('can be switched off', () => {
    expect(frenchText('texte v2.1', { decimals: false })).toBe('texte v2.1');
  });
  it('puts a narrow no-break space before byte units', () => {
    expect(formatBytes(1536)).toBe(`1,5${N}Ko`);
  });
});

describe('formatPhone', () => {
  const plain = (s: string) => s.replace(/\u00a0/g, ' ');
  it('shows French numbers in national format', () => {
    expect(plain(formatPhone('+33312546029'))).toBe('03 12 54 60 29');
    expect(plain(formatPhone('+33612345678'))).toBe('06 12 34 56 78');
    expect(plain(formatPhone('0612345678'))).toBe('06 12 34 56 78');
  });
  it('shows foreign numbers in international format', () => {
    expect(plain(formatPhone('+32470123456'))).toBe('+32 470 12 34 56');
    expect(plain(formatPhone('+41212345678'))).toBe('+41 21 234 56 78');
  });
  it('never wraps inside a number (no-break spaces)', () => {
    expect(formatPhone('+33312546029')).not.toContain(' ');
  });
  it('shows anything unparsable as stored, and nothing for no number', () => {
    expect(formatPhone('abc')).toBe('abc');
    expect(formatPhone(null)).toBe('');
    expect(formatPhone('')).toBe('');
  });
});
