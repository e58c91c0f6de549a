/**
 * Low-level helpers shared by the spreadsheet, GeoJSON and SAMHSA parsers:
 * text decoding, CSV rows with their line numbers, ZIP padding, coordinates
 * with a ZIP-centroid fallback, and stable keys for external ids.
 */
import { createHash } from 'crypto';
import { parse } from 'csv-parse/sync';
import { ImportBatch, ImportedPhone, ImportWarning } from '../import-batch';
import { lookupUsZip } from '../../search/postal-codes';
import { DEFAULT_PHONE_COUNTRY, normalizePhoneNumber, splitPhoneCell } from '../../../common/phones/phone-number';

/** Mapping-file keys starting with $ are comments. */
export const isComment = (key: string) => key.startsWith('$');

export function emptyBatch(m: { source: string; licence: string; attribution: string }): ImportBatch {
  return {
    source: m.source,
    licence: m.licence,
    attribution: m.attribution,
    rowsRead: 0,
    organizations: [],
    services: [],
    locations: [],
    serviceAtLocations: [],
    rejected: [],
    warnings: [],
    merged: 0,
  };
}

/** Bytes are UTF-8 when they decode as such, else Latin-1 (the SAMHSA OTP file is Latin-1). */
export function decodeText(input: string | Buffer): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return input.toString('latin1');
  }
}

/** U+FFFD in a string means bytes were decoded with the wrong encoding before they reached us. */
export function encodingWarning(text: string): ImportWarning | null {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return null;
  const line = text.slice(0, at).split('\n').length;
  return { line, message: 'text holds U+FFFD replacement characters: it was decoded with the wrong encoding; pass the raw bytes (Buffer)' };
}

/** CSV records with the 1-based line each starts on (header = line 1; blank lines skipped but counted). */
export function parseCsvRows(text: string): { record: string[]; line: number }[] {
  const rows = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // info.lines is where a record ends (csv-parse counts a CR LF inside quotes twice)
  return rows.map(({ record, info }) => ({
    record,
    line: info.lines - record.reduce((n, field) => n + (field.match(/[\r\n]/g)?.length ?? 0), 0),
  }));
}

/** Lowercase, accents and punctuation dropped, spaces collapsed: "Daymark Recovery  Services" = "daymark recovery services". */
export function normalizeKeyPart(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A short opaque id for a list of values (each normalized), stable across re-imports. */
export function stableKey(parts: (string | null | undefined)[]): string {
  return createHash('sha256').update(parts.map(normalizeKeyPart).join('|')).digest('hex').slice(0, 24);
}

/** "1441" -> "01441", "736" -> "00736", "752112416" / "75211-2416" kept as ZIP+4; null if not a ZIP. */
export function normalizeUsZip(raw: string | null | undefined): string | null {
  const m = /^(\d{1,5})(?:-?(\d{4}))?$/.exec((raw ?? '').trim());
  if (!m || (m[2] && m[1].length !== 5) || /^0+$/.test(m[1])) return null;
  return m[1].padStart(5, '0') + (m[2] ? `-${m[2]}` : '');
}

export interface ResolvedPoint {
  latitude: number | null;
  longitude: number | null;
  approximate: boolean;
  /** why the given coordinates were not used (then the point, if any, is the ZIP centroid) */
  reason: string | null;
}

/** The given point when it is a real coordinate pair, else the ZIP centroid (approximate). */
export function resolvePoint(lat: string | null, lon: string | null, zip: string | null): ResolvedPoint {
  const [y, x] = [Number(lat), Number(lon)];
  const given = lat !== null && lon !== null && lat !== '' && lon !== '';
  const valid = given && Number.isFinite(y) && Number.isFinite(x) && Math.abs(y) <= 90 && Math.abs(x) <= 180 && !(y === 0 && x === 0);
  if (valid) return { latitude: y, longitude: x, approximate: false, reason: null };
  const reason = given ? `invalid coordinates (${lat}, ${lon})` : 'no coordinates';
  const centroid = zip ? lookupUsZip(zip) : null;
  return centroid
    ? { latitude: centroid.latitude, longitude: centroid.longitude, approximate: true, reason }
    : { latitude: null, longitude: null, approximate: false, reason };
}

export function isPoBoxOnly(address: string | null | undefined): boolean {
  return /^p\.?\s*o\.?\s*box\s+[\w-]+\.?$/i.test((address ?? '').trim());
}

/** "service.moud.methadone" -> "Methadone treatment"; other codes read from their last part. */
export function serviceLabel(code: string): string {
  const named: Record<string, string> = {
    'service.moud.buprenorphine': 'Buprenorphine treatment',
    'service.moud.methadone': 'Methadone treatment',
    'service.moud.naltrexone': 'Naltrexone treatment',
    'service.moud.telehealth-prescribing': 'MOUD by telehealth',
    'service.naloxone.distribution': 'Naloxone distribution',
    'service.naloxone.vending-machine': 'Naloxone vending machine',
    'service.naloxone.by-mail': 'Naloxone by mail',
    'service.testing-and-prevention.hiv-testing': 'HIV testing',
    'service.testing-and-prevention.hcv-testing': 'Hepatitis C (HCV) testing',
    'service.testing-and-prevention.prep': 'PrEP for HIV prevention',
  };
  const words = code.split('.').pop()!.replace(/-/g, ' ');
  return named[code] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

export function checked(value: string | null, normalize: (v: string) => string | null, what: string, warn: (m: string) => void) {
  if (value === null) return null;
  const result = normalize(value);
  if (result === null) warn(`${what} ${JSON.stringify(value)} is not valid; left empty`);
  return result;
}

export function normalizeUrl(v: string): string | null {
  if (/^https?:\/\/\S+$/i.test(v)) return v;
  return /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(v) ? `https://${v}` : null;
}

/** YYYY-MM-DD (or an ISO timestamp, or M/D/YYYY) -> YYYY-MM-DD. */
export function normalizeDate(v: string): string | null {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : v.slice(0, 10);
  const d = new Date(`${iso}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/**
 * "(214) 555-0100 x12; 214-555-0101" -> E.164 phones (original text kept).
 * A number that does not parse is left out with a warning naming the text and why.
 */
export function phonesOf(cell: string | null, warn: (m: string) => void, country: string = DEFAULT_PHONE_COUNTRY): ImportedPhone[] {
  const phones: ImportedPhone[] = [];
  for (const part of splitPhoneCell(cell)) {
    const parsed = normalizePhoneNumber(part, country);
    if (parsed.ok) phones.push({ type: 'voice', ...parsed.phone });
    else warn(`phone ${JSON.stringify(part)} ${parsed.reason}; left out`);
  }
  return phones;
}

/** ISO 639-1 codes ICU knows, minus deprecated ones (in, iw, ...) that iso_language does not hold. */
export const LANGUAGE_CODES = new Map<string, string>();
(() => {
  const names = new Intl.DisplayNames(['en'], { type: 'language' });
  const deprecated = new Set(['bh', 'in', 'iw', 'ji', 'jw', 'mo', 'sh']);
  for (let a = 97; a < 123; a++) {
    for (let b = 97; b < 123; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !deprecated.has(code)) LANGUAGE_CODES.set(name.toLowerCase(), code).set(code, code);
    }
  }
  // ISO 639-3 codes in iso_language, common names, and FindTreatment.gov codes
  const extra: Record<string, string> = {
    ase: 'ase',
    asl: 'ase',
    'american sign language': 'ase',
    'sign language': 'ase',
    lkt: 'lkt',
    lakota: 'lkt',
    haw: 'haw',
    hawaiian: 'haw',
    chk: 'chk',
    chuukese: 'chk',
    yue: 'yue',
    cantonese: 'yue',
    cmn: 'cmn',
    mandarin: 'cmn',
    hmn: 'hmn',
    hmong: 'hmn',
    ilo: 'ilo',
    ilocano: 'ilo',
    ceb: 'ceb',
    cebuano: 'ceb',
    chr: 'chr',
    cherokee: 'chr',
    esu: 'esu',
    yupik: 'esu',
    tagalog: 'tl',
    farsi: 'fa',
    creole: 'ht',
    sp: 'es',
    f17: 'zh',
    f19: 'ht',
    f92: 'vi',
    f4: 'ar',
    f70: 'ru',
    n23: 'nv',
  };
  for (const [k, v] of Object.entries(extra)) LANGUAGE_CODES.set(k, v);
})();

export function languagesOf(cell: string | null, warn: (m: string) => void): string[] {
  const codes = new Set<string>();
  for (const part of (cell ?? '').split(/\s*[,;/|]\s*/).filter(Boolean)) {
    const code = LANGUAGE_CODES.get(part.toLowerCase());
    if (code) codes.add(code);
    else warn(`language ${JSON.stringify(part)} not recognised; left out`);
  }
  return [...codes];
}

export function isTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || !(tz === 'UTC' || /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(tz))) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Unknown keys are typos ("colums"); keys starting with $ are comments. */
export function unknownKeys(o: Record<string, unknown>, allowed: readonly string[], where: string, problems: string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key) && !isComment(key)) problems.push(`${where}: unknown key "${key}"`);
  }
}
