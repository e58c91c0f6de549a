import { gsm7Length, gsm7Slice, isGsm7, toGsm7 } from './gsm7';

/**
 * 3GPP TS 23.038 section 6.2.1, written out here by code point (not copied
 * from gsm7.ts): index = GSM code, value = Unicode. 0x1B is the escape to the
 * extension table, not a character.
 */
const ascii = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const DEFAULT_ALPHABET: (number | null)[] = [
  // 0x00-0x0F
  0x40,
  0xa3,
  0x24,
  0xa5,
  0xe8,
  0xe9,
  0xf9,
  0xec,
  0xf2,
  0xc7,
  0x0a,
  0xd8,
  0xf8,
  0x0d,
  0xc5,
  0xe5,
  // 0x10-0x1F
  0x394,
  0x5f,
  0x3a6,
  0x393,
  0x39b,
  0x3a9,
  0x3a0,
  0x3a8,
  0x3a3,
  0x398,
  0x39e,
  null,
  0xc6,
  0xe6,
  0xdf,
  0xc9,
  // 0x20-0x3F: ASCII, except 0x24 is ¤ (the dollar sign is 0x02)
  0x20,
  0x21,
  0x22,
  0x23,
  0xa4,
  ...ascii(0x25, 0x3f),
  // 0x40-0x5F
  0xa1,
  ...ascii(0x41, 0x5a),
  0xc4,
  0xd6,
  0xd1,
  0xdc,
  0xa7,
  // 0x60-0x7F
  0xbf,
  ...ascii(0x61, 0x7a),
  0xe4,
  0xf6,
  0xf1,
  0xfc,
  0xe0,
];
/** Extension table (after 0x1B), without the form feed (0x0A), which no listing needs. */
const EXTENSION_TABLE: Record<number, number> = {
  0x14: 0x5e,
  0x28: 0x7b,
  0x29: 0x7d,
  0x2f: 0x5c,
  0x3c: 0x5b,
  0x3d: 0x7e,
  0x3e: 0x5d,
  0x40: 0x7c,
  0x65: 0x20ac,
};

const BASIC = new Set(DEFAULT_ALPHABET.filter((c): c is number => c !== null).map((c) => String.fromCodePoint(c)));
const EXTENDED = new Set(Object.values(EXTENSION_TABLE).map((c) => String.fromCodePoint(c)));
const inTable = (char: string) => BASIC.has(char) || EXTENDED.has(char);

/** Deterministic pseudo-random code points (mulberry32), so a failure reproduces. */
function randomText(seed: number, length: number): string {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let out = '';
  while (out.length < length) {
    const r = next();
    // mostly Latin-1 and Latin Extended (accents), some punctuation, emoji, CJK
    const cp =
      r < 0.5
        ? 0x20 + Math.floor(next() * 0x250)
        : r < 0.7
          ? 0x2000 + Math.floor(next() * 0x70)
          : r < 0.85
            ? 0x1f300 + Math.floor(next() * 0x300)
            : Math.floor(next() * 0xd7ff);
    out += String.fromCodePoint(cp);
  }
  return out;
}

describe('GSM-7 alphabet', () => {
  it('the reference table has 127 basic characters and 9 extension characters', () => {
    expect(DEFAULT_ALPHABET).toHaveLength(128);
    expect(BASIC.size).toBe(127);
    expect(EXTENDED.size).toBe(9);
  });

  it('isGsm7 agrees with the reference table on every BMP code point', () => {
    const disagreements: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates
      const char = String.fromCharCode(cp);
      if (isGsm7(char) !== inTable(char)) disagreements.push(`U+${cp.toString(16).padStart(4, '0')}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('counts extension characters as two septets', () => {
    expect(gsm7Length('abc')).toBe(3);
    expect(gsm7Length('5 €')).toBe(4);
    expect(gsm7Length('[x]{y}')).toBe(10);
  });

  it('slices by septets without splitting an extension character', () => {
    expect(gsm7Slice('ab€cd', 3)).toBe('ab');
    expect(gsm7Slice('ab€cd', 4)).toBe('ab€');
    expect(gsm7Slice('abc', 10)).toBe('abc');
  });
});

describe('toGsm7', () => {
  it.each([
    // keeps what the alphabet has, Spanish ñ/é/ü/¿/¡ included
    ['Peña, Güero, café ¿sí? ¡ya!', 'Peña, Güero, café ¿si? ¡ya!'],
    ['Ærø Øst Åse ß ÄÖÜ äöü à è ù ì ò É Ç', 'Ærø Øst Åse ß ÄÖÜ äöü à è ù ì ò É Ç'],
    // transliterates accents the alphabet lacks
    ['Dirección: Calle Martín, Bogotá', 'Direccion: Calle Martin, Bogota'],
    ['ÁÉÍÓÚ áéíóú', 'AÉIOU aéiou'],
    ['São Tomé, garçon, Łódź, Ōsaka', 'Sao Tomé, garcon, Lodz, Osaka'],
    // punctuation that forces UCS-2
    ['“Open” – it’s 24/7…', '"Open" - it\'s 24/7...'],
    ['Mon\u00a0\u2013\u00a0Fri', 'Mon - Fri'],
    // compatibility forms and combining marks
    ['ﬁle ½ e\u0301', 'file 1/2 é'],
    // no equivalent: dropped, without leaving double spaces
    ['Van 🚐 stop 東京 here', 'Van stop here'],
    ['tab\there', 'tab here'],
  ])('%j -> %j', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
  });

  it('outputs only characters of the reference table, whatever it is given', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const out = toGsm7(randomText(seed, 200));
      const bad = [...out].filter((c) => !inTable(c));
      expect({ seed, bad }).toEqual({ seed, bad: [] });
    }
  });
});
