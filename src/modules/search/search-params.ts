import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { toDirectoryLanguage } from '../../common/languages/language-tag';
import { CursorBinding, cursorBinding, decodeCursor } from '../../common/pagination/cursor';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page';
import { MAX_YEAR, MIN_YEAR, parseCalendarDateTime } from '../../common/validation/calendar-date';
import { resolvePlace } from './places';
import { resolveUsZip } from './postal-codes';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, SearchQuery } from './search.query';
import { sphereDistanceM } from './geo-distance';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** The point a search measured from, echoed in every response (page.origin). */
export interface SearchOrigin extends GeoPoint {
  source: 'near' | 'postal_code' | 'place' | 'bbox';
  /** How far the true point may be from this one: 0 for coordinates, the ZIP's or place's extent, a bbox's half-diagonal. */
  precisionM: number;
  /** What was resolved, e.g. "Dallas, TX 75215"; null for coordinates. */
  label: string | null;
}

export type SearchArea =
  | { kind: 'near' | 'postal_code' | 'place'; origin: SearchOrigin; radiusM: number }
  /** box: [minLng, minLat, maxLng, maxLat]; minLng > maxLng crosses the antimeridian (RFC 7946 §5.2). */
  | { kind: 'bbox'; origin: SearchOrigin; box: [number, number, number, number] };

/**
 * A code filter: each group ORs its codes (with their descendants), and the
 * groups AND. `access=a,b` is one group; `access=a&access=b` two.
 */
export type CodeGroups = string[][];

/** Validated, typed search: what the repository turns into SQL. */
export interface SearchParams {
  area: SearchArea;
  /** Taxonomy filters hold the asked codes and all their descendants ("service.moud" -> methadone, ...). */
  services: CodeGroups;
  languages: CodeGroups;
  transport: CodeGroups;
  access: CodeGroups;
  populations: CodeGroups;
  principles: CodeGroups;
  /** Evaluate opening hours at this instant (open_now / open_at); null: no hours filter. */
  openAt: Date | null;
  q: string | null;
  /**
   * The taxonomy terms q names through their names and aliases, one group per
   * branch, with descendants: "free narcan" -> [[access.free], [service.naloxone, ...]].
   * A listing matches q by its text, or by carrying a term of every group.
   */
  qCodes: CodeGroups;
  /** Only services verified on or after this date (YYYY-MM-DD). */
  verifiedSince: string | null;
  limit: number;
  after: { distanceM: number; id: string } | null;
  /** What this search's cursors are bound to: the query as asked (cursor.ts), not as resolved. */
  cursorBinding: CursorBinding;
}

export interface KnownCodes {
  taxonomy: Set<string>;
  languages: Set<string>;
  /** FindTreatment.gov language codes (upper-case) -> ours, for `language=SP`. */
  languageCrosswalk?: ReadonlyMap<string, string>;
  /** The codes a free-text query names through term names and aliases (taxonomy/term-matcher.ts). */
  termsNamedBy?: (q: string) => string[];
}

const MILE_M = 1609.344;
/** A parameter repeated more often than this is not a person's search. */
const MAX_FILTER_REPEATS = 8;

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;

const bad = (name: string, reason: string) => DomainError.invalidParameter(name, reason);

function parseNumbers(value: string, count: number, name: string, shape: string): number[] {
  const parts = value.split(',');
  if (parts.length !== count || !parts.every((p) => NUMBER.test(p))) throw bad(name, `must be ${shape}`);
  return parts.map(Number);
}

function checkLatLng(lat: number, lng: number, name: string): void {
  if (lat < -90 || lat > 90) throw bad(name, 'latitude must be between -90 and 90');
  if (lng < -180 || lng > 180) throw bad(name, 'longitude must be between -180 and 180');
}

function parseBbox(value: string): SearchArea {
  const [minLng, minLat, maxLng, maxLat] = parseNumbers(value, 4, 'bbox', 'minLng,minLat,maxLng,maxLat');
  checkLatLng(minLat, minLng, 'bbox');
  checkLatLng(maxLat, maxLng, 'bbox');
  if (minLat > maxLat) throw bad('bbox', 'minLat must not be greater than maxLat');
  // minLng > maxLng is a box across the antimeridian (GeoJSON, RFC 7946 section 5.2): 170,50,-170,60
  const width = minLng <= maxLng ? maxLng - minLng : maxLng + 360 - minLng;
  let longitude = minLng + width / 2;
  if (longitude > 180) longitude -= 360;
  const latitude = (minLat + maxLat) / 2;
  const precisionM = Math.round(sphereDistanceM({ latitude, longitude }, { latitude: maxLat, longitude: maxLng }));
  return {
    kind: 'bbox',
    origin: { latitude, longitude, source: 'bbox', precisionM, label: null },
    box: [minLng, minLat, maxLng, maxLat],
  };
}

function parsePostalCode(value: string, radiusM: number): SearchArea {
  const zip = value.trim();
  if (!/^\d{5}(-\d{4})?$/.test(zip)) throw bad('postal_code', 'must be a 5-digit US ZIP code (or ZIP+4)');
  const found = resolveUsZip(zip);
  if (!found.ok) {
    const reason = found.reason === 'military' ? 'military mail ZIP (APO/FPO/DPO): give near= or a civilian ZIP' : 'unknown US ZIP code';
    throw new DomainError(ErrorCode.InvalidParameter, `postal_code: ${reason} '${zip}'.`, [{ name: 'postal_code', reason }]);
  }
  const { latitude, longitude, precision_m, label } = found.centroid;
  return { kind: 'postal_code', origin: { latitude, longitude, source: 'postal_code', precisionM: precision_m, label }, radiusM };
}

function parsePlace(value: string, radiusM: number): SearchArea {
  const found = resolvePlace(value);
  if (!found.ok) {
    const reason =
      found.reason === 'ambiguous'
        ? `names places in several states: give the state, e.g. ${found.candidates
            .slice(0, 3)
            .map((c) => `'${c}'`)
            .join(', ')}`
        : "is not a US place this directory knows: give 'City, ST' (e.g. 'Dallas, TX'), a ZIP code or near=";
    throw bad('place', reason);
  }
  const { latitude, longitude, precision_m, label } = found.place;
  return { kind: 'place', origin: { latitude, longitude, source: 'place', precisionM: precision_m, label }, radiusM };
}

function parseArea(query: SearchQuery): SearchArea {
  const given = (['near', 'postal_code', 'place', 'bbox'] as const).filter((k) => query[k] !== undefined);
  if (given.length !== 1) {
    throw new DomainError(
      ErrorCode.InvalidParameter,
      given.length === 0 ? 'Give one of near, postal_code, place or bbox.' : `Give only one of ${given.join(', ')}.`,
      (given.length ? given : ['near']).map((name) => ({ name, reason: 'exactly one of near, postal_code, place, bbox' })),
    );
  }
  const unit = query.radius_unit ?? 'km';
  if (query.bbox !== undefined) {
    if (query.radius !== undefined) throw bad('radius', 'does not apply to bbox');
    return parseBbox(query.bbox);
  }
  const radius = query.radius ?? (unit === 'km' ? DEFAULT_RADIUS_KM : DEFAULT_RADIUS_KM / 1.609344);
  const radiusM = radius * (unit === 'km' ? 1000 : MILE_M);
  if (!(radius > 0)) throw bad('radius', 'must be greater than 0');
  if (radiusM > MAX_RADIUS_KM * 1000 + 1e-6) {
    throw bad('radius', `must be at most ${MAX_RADIUS_KM} km (${Math.floor(MAX_RADIUS_KM / 1.609344)} mi)`);
  }
  if (query.near !== undefined) {
    const [latitude, longitude] = parseNumbers(query.near, 2, 'near', 'latitude,longitude, e.g. 32.7495,-96.7657');
    checkLatLng(latitude, longitude, 'near');
    return { kind: 'near', origin: { latitude, longitude, source: 'near', precisionM: 0, label: null }, radiusM };
  }
  if (query.place !== undefined) return parsePlace(query.place, radiusM);
  return parsePostalCode(query.postal_code!, radiusM);
}

/** A filter's groups: one per repetition of the parameter, each a comma-separated list. */
function groupsOf(value: string | string[] | undefined, name: string): string[][] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  if (values.length > MAX_FILTER_REPEATS) throw bad(name, `may be repeated at most ${MAX_FILTER_REPEATS} times`);
  return values.map((one) => {
    const codes = [
      ...new Set(
        one
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ];
    if (codes.length === 0) throw bad(name, 'must list at least one code');
    return codes;
  });
}

function parseCodes(value: string | string[] | undefined, name: string, branch: string, known: Set<string>): CodeGroups {
  const groups = groupsOf(value, name);
  for (const code of groups.flat()) {
    if (code !== branch && !code.startsWith(`${branch}.`)) throw bad(name, `'${code}' is not a ${branch}.* code`);
    if (!known.has(code)) throw bad(name, `unknown taxonomy code '${code}' (see GET /v1/taxonomy)`);
  }
  return groups;
}

/** The codes and every known code below them, so SQL can match with `= ANY(...)` on the code index. */
export function withDescendants(codes: string[], known: Iterable<string>): string[] {
  const all = new Set(codes);
  for (const code of known) {
    if (codes.some((parent) => code.startsWith(`${parent}.`))) all.add(code);
  }
  return [...all].sort();
}

/** Any tag a caller may send (es, es-MX, spa, SP: common/languages/language-tag.ts), as our code. */
function parseLanguages(value: string | string[] | undefined, known: KnownCodes): CodeGroups {
  return groupsOf(value, 'language').map((group) => {
    const codes = group.map((tag) => {
      const language = toDirectoryLanguage(tag, known.languages, known.languageCrosswalk ?? new Map());
      if ('error' in language) throw bad('language', language.error);
      return language.code;
    });
    return [...new Set(codes)];
  });
}

/** Codes grouped by their branch (first segment), in a stable order. */
function byBranch(codes: string[]): CodeGroups {
  const groups = new Map<string, string[]>();
  for (const code of [...codes].sort()) {
    const branch = code.split('.')[0];
    groups.set(branch, [...(groups.get(branch) ?? []), code]);
  }
  return [...groups.values()];
}

function branchFilter(value: string | string[] | undefined, name: string, branch: string, known: Set<string>): CodeGroups {
  return parseCodes(value, name, branch, known).map((codes) => withDescendants(codes, known));
}

function parseOpenAt(query: SearchQuery, now: Date): Date | null {
  if (query.open_at !== undefined && query.open_now !== undefined) {
    throw bad('open_at', 'give open_now or open_at, not both');
  }
  if (query.open_at !== undefined) {
    const at = parseCalendarDateTime(query.open_at);
    if (!at) {
      throw bad('open_at', `must be a real ISO 8601 date-time with an offset, between the years ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2026-11-26T21:30:00-06:00`);
    }
    return at;
  }
  return query.open_now ? now : null;
}

function parseAfter(cursor: string | undefined, binding: CursorBinding): SearchParams['after'] {
  if (cursor === undefined) return null;
  const [distanceM, id] = decodeCursor(cursor, ['distance', 'uuid'], binding) as [number, string];
  return { distanceM, id };
}

export function parseSearch(query: SearchQuery, known: KnownCodes, now = new Date()): SearchParams {
  const q = query.q?.trim();
  const binding = cursorBinding('search', query);
  const verifiedSince =
    query.verified_within_days === undefined ? null : new Date(now.getTime() - query.verified_within_days * 86_400_000).toISOString().slice(0, 10);
  return {
    area: parseArea(query),
    services: branchFilter(query.service, 'service', 'service', known.taxonomy),
    languages: parseLanguages(query.language, known),
    transport: branchFilter(query.transport, 'transport', 'transport', known.taxonomy),
    access: branchFilter(query.access, 'access', 'access', known.taxonomy),
    populations: branchFilter(query.population, 'population', 'population', known.taxonomy),
    principles: parseCodes(query.principle, 'principle', 'principle', known.taxonomy),
    openAt: parseOpenAt(query, now),
    q: q ? q : null,
    qCodes: q && known.termsNamedBy ? byBranch(known.termsNamedBy(q)).map((codes) => withDescendants(codes, known.taxonomy)) : [],
    verifiedSince,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    after: parseAfter(query.cursor, binding),
    cursorBinding: binding,
  };
}
