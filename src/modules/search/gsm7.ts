/**
 * The GSM 7-bit default alphabet (3GPP TS 23.038, formerly GSM 03.38): what an
 * SMS can carry at 160 characters a segment. One character outside it (a
 * curly quote, "…", "á") switches the whole message to UCS-2: 70 a segment.
 *
 * Spanish needs care: ñ Ñ é É ü Ü ¿ ¡ are in the basic set, but á í ó ú Á Í Ó Ú
 * are not, so "dirección" is sent as "direccion" and "Inglés" stays as is.
 */

/** The basic set, in code order 0x00-0x7F (0x1B, the escape to the extension table, is left out). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ' + 'ÆæßÉ' + ' !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' + '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** The extension table: each costs two septets (escape + code). Form feed left out. */
const EXTENSION = '^{}\\[~]|€';

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

/** Punctuation people and sources type that has a plain GSM-7 equivalent. */
const REPLACEMENTS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u00B4': "'",
  '`': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u201F': '"',
  '\u2033': '"',
  '\u00AB': '"',
  '\u00BB': '"',
  '\u2026': '...',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u00B7': '-',
  '\u2022': '-',
  '\u00A0': ' ',
  '\u2007': ' ',
  '\u202F': ' ',
  '\t': ' ',
  '\u00E7': 'c', // ç: only the capital Ç is in the basic set
  '\u00D0': 'D',
  '\u00F0': 'd',
  '\u00DE': 'Th',
  '\u00FE': 'th',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u00AE': '(R)',
  '\u00A9': '(C)',
  '\u2122': 'TM',
  '\u00B0': ' deg',
  '\u00D7': 'x',
  '\u2044': '/',
  '\u2192': '->',
  '\u2190': '<-',
};

export function isGsm7(char: string): boolean {
  return BASIC_SET.has(char) || EXTENSION_SET.has(char);
}

/** Septets a GSM-7 text takes: extension characters count two. */
export function gsm7Length(text: string): number {
  let n = 0;
  for (const char of text) n += EXTENSION_SET.has(char) ? 2 : 1;
  return n;
}

/**
 * Text an SMS can carry in GSM-7: characters of the alphabet as they are;
 * others transliterated (NFKD: "á" → "a", "ﬁ" → "fi"; smart quotes and dashes
 * to their plain forms); what has no equivalent (emoji, CJK) is dropped.
 * Runs of spaces that dropping leaves are collapsed.
 */
export function toGsm7(text: string): string {
  let out = '';
  // NFC first: "e" + combining acute is the GSM-7 "é", not "e"
  for (const char of text.normalize('NFC')) {
    if (isGsm7(char)) out += char;
    else if (REPLACEMENTS[char] !== undefined) out += REPLACEMENTS[char];
    else {
      for (const part of char.normalize('NFKD')) {
        if (isGsm7(part)) out += part;
        else if (REPLACEMENTS[part] !== undefined) out += REPLACEMENTS[part];
      }
    }
  }
  return out.replace(/ {2,}/g, ' ');
}

/** The longest start of a GSM-7 text that fits in `septets`. */
export function gsm7Slice(text: string, septets: number): string {
  let n = 0;
  let out = '';
  for (const char of text) {
    n += EXTENSION_SET.has(char) ? 2 : 1;
    if (n > septets) break;
    out += char;
  }
  return out;
}
