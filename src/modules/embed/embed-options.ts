import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { parseStrictDecimal, parseStrictInteger } from '../../common/validation/strict-number';
import { EMBED_OPTIONS } from './embed-option-names';

export { EMBED_OPTIONS };

export type EmbedOption = (typeof EMBED_OPTIONS)[number];
export type EmbedLang = 'en' | 'es';

export interface EmbedOptions {
  /** Attributes for <harm-reduction-listings>, in EMBED_OPTIONS order; '' for boolean attributes. */
  attributes: Partial<Record<EmbedOption, string>>;
  lang: EmbedLang;
}

const NUMBER = /^-?\d{1,3}(\.\d{1,10})?$/;
const BOOLEAN_TRUE = new Set(['', 'true', 'on', '1']);
const BOOLEAN_FALSE = new Set(['false', 'off', '0']);

const bad = (name: string, reason: string) => DomainError.invalidParameter(name, reason);

function checkList(name: string, value: string, pattern: RegExp, example: string): string {
  const items = value.split(/[\s,]+/).filter(Boolean);
  if (items.length === 0 || items.length > 20) throw bad(name, `must list 1 to 20 codes, comma-separated, e.g. ${example}`);
  for (const item of items) if (!pattern.test(item)) throw bad(name, `'${item.slice(0, 60)}' is not a valid code, e.g. ${example}`);
  return items.join(',');
}

function checkOne(name: EmbedOption, raw: string): string | undefined {
  const value = raw.trim();
  switch (name) {
    case 'open-now':
    case 'allow-geolocation':
      if (BOOLEAN_TRUE.has(value.toLowerCase())) return '';
      if (BOOLEAN_FALSE.has(value.toLowerCase())) return undefined;
      throw bad(name, 'must be true or false');
    default:
      if (value === '') return undefined; // an empty form field: not given
  }
  switch (name) {
    case 'near': {
      const parts = value.replace(/\s+/g, '').split(',');
      if (parts.length !== 2 || !parts.every((p) => NUMBER.test(p))) throw bad(name, 'must be latitude,longitude, e.g. 32.7495,-96.7657');
      const [lat, lng] = parts.map(Number);
      if (Math.abs(lat) > 90 || Math.abs(lng) > 180) throw bad(name, 'latitude must be within ±90 and longitude within ±180');
      return parts.join(',');
    }
    case 'postal-code':
      if (!/^\d{5}(-\d{4})?$/.test(value)) throw bad(name, 'must be a 5-digit US ZIP code, e.g. 75215');
      return value;
    case 'services':
      return checkList(name, value, /^service(\.[a-z0-9-]+)*$/, 'service.naloxone,service.moud.methadone');
    case 'languages':
      return checkList(name, value.toLowerCase(), /^[a-z]{2,3}$/, 'es,vi');
    case 'limit': {
      // numbers are not trimmed: the same strict rule as every numeric query parameter
      const n = parseStrictInteger(raw, name);
      if (n < 1 || n > 50) throw bad(name, 'must be a whole number from 1 to 50');
      return String(n);
    }
    case 'radius-km': {
      const n = parseStrictDecimal(raw, name);
      if (!(n > 0) || n > 300) throw bad(name, 'must be a number of kilometres, greater than 0 and at most 300');
      return String(n);
    }
    case 'lang':
      if (value !== 'en' && value !== 'es') throw bad(name, 'must be en or es');
      return value;
    case 'units':
      if (value !== 'mi' && value !== 'km') throw bad(name, 'must be mi or km');
      return value;
    case 'heading':
      if (value.length > 120) throw bad(name, 'must be at most 120 characters');
      return value;
    case 'heading-level':
      if (!/^[1-5]$/.test(value)) throw bad(name, 'must be 1 to 5');
      return value;
  }
}

/**
 * Query string -> widget attributes. Unknown or repeated parameters are
 * rejected (as everywhere in this API), so a typo never silently changes
 * what a partner's page shows. Values are checked for shape only; taxonomy
 * and language codes are checked by the search the widget makes.
 */
export function parseEmbedOptions(query: Record<string, unknown>, extra: readonly string[] = []): EmbedOptions {
  const attributes: EmbedOptions['attributes'] = {};
  for (const [name, raw] of Object.entries(query)) {
    if (extra.includes(name)) continue;
    if (!(EMBED_OPTIONS as readonly string[]).includes(name)) {
      throw new DomainError(ErrorCode.InvalidParameter, `Unknown parameter '${name.slice(0, 40)}'.`, [
        { name: name.slice(0, 40), reason: `not one of ${EMBED_OPTIONS.join(', ')}` },
      ]);
    }
    if (typeof raw !== 'string') throw bad(name, 'give it once');
    if (raw.length > 1000) throw bad(name, 'is too long');
    const value = checkOne(name as EmbedOption, raw);
    if (value !== undefined) attributes[name as EmbedOption] = value;
  }
  if (attributes.near !== undefined && attributes['postal-code'] !== undefined) {
    throw new DomainError(ErrorCode.InvalidParameter, 'Give near or postal-code, not both.', [{ name: 'near', reason: 'give near or postal-code, not both' }]);
  }
  const ordered: EmbedOptions['attributes'] = {};
  for (const name of EMBED_OPTIONS) if (attributes[name] !== undefined) ordered[name] = attributes[name];
  return { attributes: ordered, lang: attributes.lang === 'es' ? 'es' : 'en' };
}
