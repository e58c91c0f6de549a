/**
 * One rule for phone numbers, shared by imports and the write API: the number
 * is stored in E.164 (`+12145550142`), whatever the source wrote
 * (`(214) 555-0142`, `214.555.0142 x12`, `1-214-555-0142`), so every listing
 * dials the same way and a client formats it for its reader. What the source
 * wrote is kept beside it (`phone.original_text`) when it differs.
 *
 * libphonenumber-js with its "min" metadata (84 KB on disk, 19.5 KB gzipped,
 * against 157 KB / 40 KB for "max"): loading either costs the same (~50 ms,
 * nearly all of it the library code) and parsing the same (~25-40 µs a
 * number); "min" validates by country, number length and leading digits,
 * which is all we ask of it (we never need the line type). Measured for
 * issue 12; "max" is stricter only for a few NANP territories (1.7% of
 * random 10-digit numbers: 684 American Samoa, 340 US Virgin Islands...).
 *
 * Accepted: numbers libphonenumber calls valid (right length and a
 * numbering-plan prefix that exists: an area code and exchange that cannot
 * start with 0 or 1 in the US). The demo data's fictional 555-01xx numbers
 * are valid in this sense (555-0100 to 555-0199 are reserved for fiction,
 * not unassigned), so they normalize like real ones. Short codes (911, 988,
 * 711) are not phone numbers a listing can carry: rejected with a reason.
 */
import { CountryCode, isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/min';

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'US';

export interface NormalizedPhone {
  /** E.164: + country code + national number, digits only */
  number: string;
  /** digits after x / ext. / extension, or null */
  extension: string | null;
  /** the text as given, when it is not exactly the stored number; null otherwise */
  original_text: string | null;
}

export type PhoneParseResult = { ok: true; phone: NormalizedPhone } | { ok: false; reason: string };

const LENGTH_REASONS: Record<string, string> = {
  TOO_SHORT: 'has too few digits',
  TOO_LONG: 'has too many digits',
  INVALID_LENGTH: 'has the wrong number of digits',
  INVALID_COUNTRY: 'has no country code (write it as +<country code> …)',
  NOT_A_NUMBER: 'is not a phone number',
};

/** Letters other than an extension marker: "call us", "1-800-QUIT-NOW" (vanity numbers are not dialable as text). */
const WORDS = /[a-z]{2,}/i;
const EXTENSION_WORDS = /\b(?:x|ext|extension)\b\.?|\bx(?=\d)/gi;
/** What is left once extension words are taken out: digits and the punctuation people write numbers with. */
const NUMBER_CHARACTERS = /^[0-9\s()+.\-/#*]+$/;

/**
 * Parses one phone number as written by a person. `defaultCountry` applies to
 * numbers written without +<country code> (ISO 3166-1 alpha-2; US by default).
 */
export function normalizePhoneNumber(text: string, defaultCountry: string = DEFAULT_PHONE_COUNTRY): PhoneParseResult {
  const given = text.trim();
  if (given === '') return { ok: false, reason: 'is empty' };
  if (given.length > 60) return { ok: false, reason: 'is longer than 60 characters' };
  const bare = given.replace(EXTENSION_WORDS, ' ');
  if (WORDS.test(bare)) return { ok: false, reason: 'holds words, not only a number' };
  if (!NUMBER_CHARACTERS.test(bare)) return { ok: false, reason: 'holds characters other than digits, spaces and ( ) + - . /' };
  const country = isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(given, country);
  if (!parsed) {
    const length = validatePhoneNumberLength(given, country);
    return { ok: false, reason: LENGTH_REASONS[length ?? 'NOT_A_NUMBER'] ?? 'is not a phone number' };
  }
  if (!parsed.isPossible()) {
    const length = validatePhoneNumberLength(given, country);
    return {
      ok: false,
      reason: `${LENGTH_REASONS[length ?? 'INVALID_LENGTH'] ?? 'has the wrong number of digits'} for a ${parsed.country ?? `+${parsed.countryCallingCode}`} number`,
    };
  }
  if (!parsed.isValid()) {
    return { ok: false, reason: `is not a valid ${parsed.country ?? `+${parsed.countryCallingCode}`} number (no such area code or exchange)` };
  }
  const number = parsed.number;
  return { ok: true, phone: { number, extension: parsed.ext ?? null, original_text: given === number ? null : given } };
}

/** A reason text for an invalid number, as validation messages and import warnings word it. */
export function phoneProblem(text: string, defaultCountry?: string): string | null {
  const result = normalizePhoneNumber(text, defaultCountry);
  return result.ok ? null : result.reason;
}

/**
 * One spreadsheet cell may list several numbers: "(214) 555-0100; 214-555-0101",
 * "214-555-0100 or 214-555-0101", "214-555-0100 | 214-555-0101".
 * Commas are not separators: "(214) 555-0100, ext. 4" is one number.
 */
export function splitPhoneCell(cell: string | null | undefined): string[] {
  return (cell ?? '')
    .split(/\s*[;|]\s*|\s+\/\s+|\s+or\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * An E.164 number for people to read: national format in the default
 * country ("(214) 555-0142"), international elsewhere ("+44 1234 234567"),
 * with its extension. Text that is not E.164 is returned as is.
 */
export function formatPhoneForDisplay(number: string, extension?: string | null, homeCountry: string = DEFAULT_PHONE_COUNTRY): string {
  const parsed = /^\+\d{4,15}$/.test(number) ? parsePhoneNumberFromString(number) : undefined;
  const base = !parsed ? number : parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
  return extension ? `${base} ext. ${extension}` : base;
}
