import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { CursorKey, decodeCursor } from '../../common/pagination/cursor';
import { DEFAULT_PAGE_SIZE } from '../../common/pagination/page';
import { MAX_YEAR, MIN_YEAR, parseCalendarDateTime } from '../../common/validation/calendar-date';
import { lookupUsZip } from './postal-codes';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, SearchQuery } from './search.query';

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export type SearchArea =
  | { kind: 'near' | 'postal_code'; origin: GeoPoint; radiusM: number }
  | { kind: 'bbox'; origin: GeoPoint; box: [number, number, number, number] };

/** Validated, typed search: what the repository turns into SQL. */
export interface SearchParams {
  area: SearchArea;
  /** Taxonomy filters hold the asked codes and all their descendants ("service.moud" -> methadone, ...). */
  services: string[];
  languages: string[];
  transport: string[];
  access: string[];
  populations: string[];
  principles: string[];
  /** Evaluate opening hours at this instant (open_now / open_at); null: no hours filter. */
  openAt: Date | null;
  q: string | null;
  /** Only services verified on or after this date (YYYY-MM-DD). */
  verifiedSince: string | null;
  limit: number;
  after: { distanceM: number; id: string } | null;
}

export interface KnownCodes {
  taxonomy: Set<string>;
  languages: Set<string>;
}

const MILE_M = 1609.344;
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

function parseArea(query: SearchQuery): SearchArea {
  const given = (['near', 'postal_code', 'bbox'] as const).filter((k) => query[k] !== undefined);
  if (given.length !== 1) {
    throw new DomainError(
      ErrorCode.InvalidParameter,
      given.length === 0 ? 'Give one of near, postal_code or bbox.' : `Give only one of ${given.join(', ')}.`,
      (given.length ? given : ['near']).map((name) => ({ name, reason: 'exactly one of near, postal_code, bbox' })),
    );
  }
  const unit = query.radius_unit ?? 'km';
  if (query.bbox !== undefined) {
    if (query.radius !== undefined) throw bad('radius', 'does not apply to bbox');
    const [minLng, minLat, maxLng, maxLat] = parseNumbers(query.bbox, 4, 'bbox', 'minLng,minLat,maxLng,maxLat');
    checkLatLng(minLat, minLng, 'bbox');
    checkLatLng(maxLat, maxLng, 'bbox');
    if (minLng > maxLng) throw bad('bbox', 'minLng must not be greater than maxLng');
    if (minLat > maxLat) throw bad('bbox', 'minLat must not be greater than maxLat');
    return {
      kind: 'bbox',
      origin: { latitude: (minLat + maxLat) / 2, longitude: (minLng + maxLng) / 2 },
      box: [minLng, minLat, maxLng, maxLat],
    };
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
    return { kind: 'near', origin: { latitude, longitude }, radiusM };
  }
  const zip = query.postal_code!.trim();
  if (!/^\d{5}(-\d{4})?$/.test(zip)) throw bad('postal_code', 'must be a 5-digit US ZIP code (or ZIP+4)');
  const centroid = lookupUsZip(zip);
  if (!centroid) {
    throw new DomainError(ErrorCode.InvalidParameter, `postal_code: unknown US ZIP code '${zip}'.`, [
      { name: 'postal_code', reason: 'unknown US ZIP code' },
    ]);
  }
  return { kind: 'postal_code', origin: { latitude: centroid.latitude, longitude: centroid.longitude }, radiusM };
}

function parseCodes(value: string | undefined, name: string, branch: string, known: Set<string>): string[] {
  if (value === undefined) return [];
  const codes = [...new Set(value.split(',').map((c) => c.trim()).filter(Boolean))];
  if (codes.length === 0) throw bad(name, 'must list at least one code');
  for (const code of codes) {
    if (code !== branch && !code.startsWith(`${branch}.`)) throw bad(name, `'${code}' is not a ${branch}.* code`);
    if (!known.has(code)) throw bad(name, `unknown taxonomy code '${code}' (see GET /v1/taxonomy)`);
  }
  return codes;
}

/** The codes and every known code below them, so SQL can match with `= ANY(...)` on the code index. */
export function withDescendants(codes: string[], known: Iterable<string>): string[] {
  const all = new Set(codes);
  for (const code of known) {
    if (codes.some((parent) => code.startsWith(`${parent}.`))) all.add(code);
  }
  return [...all].sort();
}

function parseLanguages(value: string | undefined, known: Set<string>): string[] {
  if (value === undefined) return [];
  const codes = [...new Set(value.split(',').map((c) => c.trim().toLowerCase()).filter(Boolean))];
  if (codes.length === 0) throw bad('language', 'must list at least one ISO 639 code');
  for (const code of codes) {
    if (!known.has(code)) throw bad('language', `'${code}' is not an ISO 639 code this directory knows (see GET /v1/languages)`);
  }
  return codes;
}

function parseOpenAt(query: SearchQuery, now: Date): Date | null {
  if (query.open_at !== undefined && query.open_now !== undefined) {
    throw bad('open_at', 'give open_now or open_at, not both');
  }
  if (query.open_at !== undefined) {
    const at = parseCalendarDateTime(query.open_at);
    if (!at) {
      throw bad(
        'open_at',
        `must be a real ISO 8601 date-time with an offset, between the years ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2026-11-26T21:30:00-06:00`,
      );
    }
    return at;
  }
  return query.open_now ? now : null;
}

function parseAfter(cursor: string | undefined): SearchParams['after'] {
  if (cursor === undefined) return null;
  const [distanceM, id] = decodeCursor(cursor, ['distance', 'uuid']) as CursorKey as [number, string];
  return { distanceM, id };
}

export function parseSearch(query: SearchQuery, known: KnownCodes, now = new Date()): SearchParams {
  const q = query.q?.trim();
  const verifiedSince =
    query.verified_within_days === undefined
      ? null
      : new Date(now.getTime() - query.verified_within_days * 86_400_000).toISOString().slice(0, 10);
  return {
    area: parseArea(query),
    services: withDescendants(parseCodes(query.service, 'service', 'service', known.taxonomy), known.taxonomy),
    languages: parseLanguages(query.language, known.languages),
    transport: withDescendants(parseCodes(query.transport, 'transport', 'transport', known.taxonomy), known.taxonomy),
    access: withDescendants(parseCodes(query.access, 'access', 'access', known.taxonomy), known.taxonomy),
    populations: withDescendants(parseCodes(query.population, 'population', 'population', known.taxonomy), known.taxonomy),
    principles: parseCodes(query.principle, 'principle', 'principle', known.taxonomy),
    openAt: parseOpenAt(query, now),
    q: q ? q : null,
    verifiedSince,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    after: parseAfter(query.cursor),
  };
}
