import { formatPhoneForDisplay } from '../../common/phones/phone-number';
import { gsm7Length, gsm7Slice, toGsm7 } from './gsm7';
import { ReachingResult, SearchPage, SearchResult } from './search-result.model';

/**
 * The text format (`format=text` or `Accept: text/plain`): lines an operator
 * reads aloud or pastes into an SMS. Every line is GSM-7 (src/modules/search/gsm7.ts)
 * and at most one SMS segment (160 septets), so no line is split or sent as
 * UCS-2 (70 characters a segment):
 *
 *   1. <name> - <distance> - <open now / next opening> - <phone> - <address> - <languages>
 *   ...
 *   Also: <programs in page.reaching> (by mail / comes to you)
 *   More: same search with cursor=<page.next_cursor>
 */
export type TextLang = 'en' | 'es';

const SMS_SEPTETS = 160;
const METERS_PER_MILE = 1609.344;
/** A geocode this coarse (a ZIP or city centroid) is not a place to walk to: its distance is "approx.". */
const APPROXIMATE_FROM_M = 1000;
/** A part of the name or the address is cut no shorter than this before other parts give way. */
const MIN_PART = 16;

interface Words {
  openNow: string;
  opens: string;
  closed: string;
  byMail: string;
  comesToYou: string;
  approx: string;
  nearArea: (area: string) => string;
  callForAddress: string;
  also: string;
  more: (n: number) => string;
  next: (cursor: string) => string;
  none: (label: string | null) => string;
}

/** Written with accents; toGsm7 drops the ones an SMS cannot carry (dirección -> direccion). */
const WORDS: Record<TextLang, Words> = {
  en: {
    openNow: 'Open now',
    opens: 'Opens',
    closed: 'Closed',
    byMail: 'by mail',
    comesToYou: 'comes to you',
    approx: 'approx.',
    nearArea: (area) => `near ${area} (call for address)`,
    callForAddress: 'call for address',
    also: 'Also',
    more: (n) => `+${n} more`,
    next: (cursor) => `More: same search with cursor=${cursor}`,
    none: (label) => `No listings match${label ? ` near ${label}` : ''}. Try a larger radius or fewer filters.`,
  },
  es: {
    openNow: 'Abierto ahora',
    opens: 'Abre',
    closed: 'Cerrado',
    byMail: 'por correo',
    comesToYou: 'va a su zona',
    approx: 'aprox.',
    nearArea: (area) => `cerca de ${area} (llame para la dirección)`,
    callForAddress: 'llame para la dirección',
    also: 'También',
    more: (n) => `+${n} más`,
    next: (cursor) => `Más: la misma búsqueda con cursor=${cursor}`,
    none: (label) => `No hay resultados${label ? ` cerca de ${label}` : ''}. Pruebe un radio mayor o menos filtros.`,
  },
};

const LOCALE: Record<TextLang, string> = { en: 'en-US', es: 'es-US' };

/**
 * American Sign Language reads "ASL" in both languages: Intl has no Spanish
 * name for it (it answers "ase"), US Spanish-language services say "ASL", and
 * "LSA" is also Argentine Sign Language.
 */
const LANGUAGE_OVERRIDES: Record<string, string> = { ase: 'ASL' };

function languageName(code: string, lang: TextLang): string {
  if (LANGUAGE_OVERRIDES[code]) return LANGUAGE_OVERRIDES[code];
  try {
    const name = new Intl.DisplayNames([LOCALE[lang]], { type: 'language' }).of(code);
    if (name && name !== code) return name.charAt(0).toLocaleUpperCase(LOCALE[lang]) + name.slice(1);
  } catch {
    // not a code Intl knows: show it as stored
  }
  return code;
}

/** "Thu 9am CST" / "jue 9am CST" in the listing's own time zone; US zone abbreviations in both languages. */
function localTime(iso: string, timeZone: string, lang: TextLang): string {
  const date = new Date(iso);
  const zone = safeZone(timeZone);
  const part = (locale: string, options: Intl.DateTimeFormatOptions, type: string) =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, ...options }).formatToParts(date).find((p) => p.type === type)?.value ?? '';
  const clock = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit', hour12: true }).formatToParts(date);
  const get = (type: string) => clock.find((p) => p.type === type)?.value ?? '';
  const minutes = get('minute') === '00' ? '' : `:${get('minute')}`;
  const day = part(LOCALE[lang], { weekday: 'short' }, 'weekday').replace(/\.$/, '');
  const abbreviation = part('en-US', { timeZoneName: 'short' }, 'timeZoneName');
  return [day, `${get('hour')}${minutes}${get('dayPeriod').toLowerCase()}`, abbreviation].filter(Boolean).join(' ');
}

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function status(result: SearchResult, words: Words, lang: TextLang): string | null {
  if (result.open_now === true) return words.openNow;
  if (result.open_now === false && result.next_opens_at) {
    return `${words.opens} ${localTime(result.next_opens_at, result.schedules[0]?.timezone ?? 'UTC', lang)}`;
  }
  return result.open_now === false ? words.closed : null;
}

/**
 * Hidden addresses, and points placed at a ZIP centroid by an import
 * (coordinates_approximate) or otherwise known only to a kilometre or worse:
 * the distance is not to the door.
 */
function isApproximate(result: SearchResult): boolean {
  const location = result.location;
  return (
    location.address_visibility === 'approximate' || location.coordinates_approximate === true || (location.location_precision_m ?? 0) >= APPROXIMATE_FROM_M
  );
}

function distance(result: SearchResult, words: Words): string {
  const miles = result.distance_m / METERS_PER_MILE;
  const shown = `${miles < 10 ? miles.toFixed(1) : Math.round(miles)} mi`;
  return isApproximate(result) ? `${words.approx} ${shown}` : shown;
}

function place(result: SearchResult, words: Words): string | null {
  const a = result.location.address;
  if (result.location.address_visibility === 'approximate') {
    const area = [a?.city, a?.state_province].filter(Boolean).join(' ');
    return area ? words.nearArea(area) : words.callForAddress;
  }
  if (!a) return null;
  return [a.address_1, a.city].filter(Boolean).join(', ') || null;
}

/** The first number a person can call (a fax is not), formatted to read: "(214) 555-0142". */
function phone(listing: { phones: SearchResult['phones'] }): string | null {
  const p = listing.phones.find((x) => x.type !== 'fax');
  return p ? formatPhoneForDisplay(p.number, p.extension) : null;
}

/** Cut to `septets` with "..." (GSM-7 has no "…"). */
function cut(text: string, septets: number): string {
  return gsm7Length(text) <= septets ? text : `${gsm7Slice(text, Math.max(0, septets - 3)).trimEnd()}...`;
}

/**
 * One listing, at most 160 septets. When it is longer: the language list
 * becomes "A/B/+N"; the organization's name is cut, then the service's (what
 * a caller asked for is in the service name: "HIV and hepatitis C testing"),
 * then the address, each to no less than 16; then languages and address are
 * dropped; last, the line itself is cut.
 */
export function textListing(result: SearchResult, index: number, lang: TextLang = 'en'): string {
  const words = WORDS[lang];
  const names = result.languages.map((code) => toGsm7(languageName(code, lang)));
  // English alone is the default: not worth the characters
  const showLanguages = !(names.length === 1 && result.languages[0] === 'en') && names.length > 0;
  const fixed = [distance(result, words), status(result, words, lang), phone(result)].filter((p): p is string => !!p).map(toGsm7);
  let organization = toGsm7(result.organization.name);
  let service = result.service.name === result.organization.name ? null : toGsm7(result.service.name);
  let address = toGsm7(place(result, words) ?? '') || null;
  let languages = showLanguages ? names.join('/') : null;

  const line = () => `${index}. ${[organization, service].filter(Boolean).join(': ')} - ${[...fixed, address, languages].filter(Boolean).join(' - ')}`;
  const over = () => gsm7Length(line()) - SMS_SEPTETS;

  if (over() > 0 && names.length > 2 && showLanguages) languages = `${names.slice(0, 2).join('/')}/+${names.length - 2}`;
  if (over() > 0) organization = cut(organization, Math.max(MIN_PART, gsm7Length(organization) - over()));
  if (over() > 0 && service) service = cut(service, Math.max(MIN_PART, gsm7Length(service) - over()));
  if (over() > 0 && address) address = cut(address, Math.max(MIN_PART, gsm7Length(address) - over()));
  if (over() > 0) languages = null;
  if (over() > 0) address = null;
  return cut(line(), SMS_SEPTETS);
}

/** "Also: <name> (by mail, <phone>); ... +N more": programs that reach the caller without a visit, one line. */
export function reachingLine(reaching: ReachingResult[], lang: TextLang = 'en'): string | null {
  if (reaching.length === 0) return null;
  const words = WORDS[lang];
  // one entry per organization and way of reaching: its services share the program's number
  const entries = new Map<string, { name: string; how: string; phone: string | null }>();
  for (const r of reaching) {
    const key = `${r.organization.id}|${r.reach}`;
    const entry = entries.get(key);
    if (entry) entry.phone ??= phone(r);
    else entries.set(key, { name: r.organization.name, how: r.reach === 'by_mail' ? words.byMail : words.comesToYou, phone: phone(r) });
  }
  const items = [...entries.values()].map((e) => ({ name: toGsm7(e.name), tail: toGsm7(` (${[e.how, e.phone].filter(Boolean).join(', ')})`) }));
  const head = `${toGsm7(words.also)}: `;
  const moreText = (n: number) => (n > 0 ? ` ${toGsm7(words.more(n))}` : '');
  let shown: string[] = [];
  for (const [i, item] of items.entries()) {
    const candidate = [...shown, item.name + item.tail].join('; ');
    if (gsm7Length(head + candidate + moreText(items.length - i - 1)) <= SMS_SEPTETS) shown.push(item.name + item.tail);
    else break;
  }
  if (shown.length === 0) {
    // even the first does not fit: cut its name
    const rest = moreText(items.length - 1);
    const room = SMS_SEPTETS - gsm7Length(head + items[0].tail + rest);
    shown = [cut(items[0].name, Math.max(room, 8)) + items[0].tail];
  }
  return cut(head + shown.join('; ') + moreText(items.length - shown.length), SMS_SEPTETS);
}

export function toText(page: SearchPage, lang: TextLang = 'en'): string {
  const words = WORDS[lang];
  const lines =
    page.data.length === 0 ? [cut(toGsm7(words.none(page.page.origin?.label ?? null)), SMS_SEPTETS)] : page.data.map((r, i) => textListing(r, i + 1, lang));
  const also = reachingLine(page.reaching ?? [], lang);
  if (also) lines.push(also);
  // the cursor is opaque base64url: GSM-7 already, and not cut (a cut cursor is useless)
  if (page.page.next_cursor) lines.push(toGsm7(words.next(page.page.next_cursor)));
  return lines.join('\n') + '\n';
}
