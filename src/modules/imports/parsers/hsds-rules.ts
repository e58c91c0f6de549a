import { GeoJSONGeometry } from '../../../common/geo/geojson.scalar';
import { HSDS_DAYS } from '../hsds-tables';
import { PHONE_TYPES } from '../../../common/vocabularies';

/**
 * Our own rules for HSDS values, the same ones the database enforces
 * (migrations/1764140000000-InitialSchema.ts), so a batch that passes them
 * can be written without a constraint violation. Each check returns the
 * problem as text ('' or null when the value is fine).
 */

/** phone.number CHECK */
export const PHONE_NUMBER_PATTERN = /^\+?[0-9][0-9 ().-]{2,}$/;
/** organization.email / service.email CHECK */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** organization.website / service.url CHECK */
export const WEB_URL_PATTERN = /^https?:\/\//i;
/** iso_language.code CHECK: ISO 639-1 or 639-3 */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}$/;
export const US_ZIP_PATTERN = /^[0-9]{5}(-[0-9]{4})?$/;
export const COUNTRY_PATTERN = /^[A-Z]{2}$/;
export { PHONE_TYPES };
/** is_valid_time_zone(): IANA Area/Location names, plus 'UTC' */
const IANA_NAME = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/;

export function rangeProblem(field: string, value: number, min: number, max: number): string {
  return value >= min && value <= max ? '' : `${field} ${value} is out of range [${min}, ${max}]`;
}

export function isIanaTimeZone(tz: string): boolean {
  if (tz !== 'UTC' && !IANA_NAME.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** UTC offset in hours of a zone at an instant, e.g. -6 for America/Chicago in January. */
function offsetAt(tz: string, instant: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) + Number(m[3]) / 60) : 0;
}

/** The zone's offsets in January and July 2025 (standard first; equal when there is no DST). */
export function zoneOffsets(tz: string): [standard: number, daylight: number] {
  const jan = offsetAt(tz, new Date(Date.UTC(2025, 0, 15, 12)));
  const jul = offsetAt(tz, new Date(Date.UTC(2025, 6, 15, 12)));
  return [Math.min(jan, jul), Math.max(jan, jul)];
}

/** A fixed-offset IANA zone for a whole-hour UTC offset (Etc/GMT signs are inverted), else null. */
export function fixedOffsetZone(hours: number): string | null {
  if (!Number.isInteger(hours) || hours < -12 || hours > 14) return null;
  if (hours === 0) return 'UTC';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

export interface ScheduleTime {
  /** HH:MM */
  hhmm: string;
  /** hours east of UTC when the value carried an offset or Z */
  offset: number | null;
  /** the value had non-zero seconds, dropped */
  truncated: boolean;
}

const TIME_VALUE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseScheduleTime(value: string): ScheduleTime | null {
  const m = TIME_VALUE.exec(value.trim());
  if (!m) return null;
  const [hh, mm] = [Number(m[1]), Number(m[2])];
  if (mm > 59 || hh > 24 || (hh === 24 && (mm !== 0 || Number(m[3] ?? 0) !== 0))) return null;
  let offset: number | null = null;
  if (m[4] === 'Z') offset = 0;
  else if (m[4]) {
    const digits = m[4].replace(':', '');
    offset = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) + Number(digits.slice(3, 5)) / 60);
  }
  return { hhmm: `${m[1]}:${m[2]}`, offset, truncated: Number(m[3] ?? 0) !== 0 };
}

export type BydayParse = { days: string[] } | { problem: string };

/** 'MO,TU' -> ['MO', 'TU']; a WEEKLY rule takes plain day codes only (no '2MO'). */
export function parseByday(value: string): BydayParse {
  const days: string[] = [];
  for (const token of value.split(',').map((t) => t.trim().toUpperCase())) {
    if (!(HSDS_DAYS as readonly string[]).includes(token)) {
      return { problem: `byday '${value}' is not a comma-separated list of ${HSDS_DAYS.join(', ')}` };
    }
    if (!days.includes(token)) days.push(token);
  }
  return { days };
}

type Position = [number, number];

function ringProblem(ring: unknown): string {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      return 'a position is not [longitude, latitude]';
    }
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) return `position [${p[0]}, ${p[1]}] is out of range`;
  }
  const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
  return first[0] === last[0] && first[1] === last[1] ? '' : 'a ring is not closed';
}

function polygonProblem(polygon: unknown): string {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'a polygon has no rings';
  for (const ring of polygon) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return '';
}

export type AreaParse = { geometry: GeoJSONGeometry } | { problem: string };

/** service_areas.extent (GeoJSON text) -> a Polygon or MultiPolygon. Features are unwrapped. */
export function parseAreaExtent(extent: string): AreaParse {
  let value: unknown;
  try {
    value = JSON.parse(extent);
  } catch {
    return { problem: `extent '${extent.length > 40 ? extent.slice(0, 40) + '...' : extent}' is not GeoJSON (not valid JSON)` };
  }
  const geometry = unwrapFeature(value);
  if (!geometry || typeof geometry !== 'object' || typeof (geometry as { type?: unknown }).type !== 'string') {
    return { problem: 'extent is not a GeoJSON geometry or Feature' };
  }
  const { type, coordinates } = geometry as { type: string; coordinates: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') return { problem: `extent is a GeoJSON ${type}, not a Polygon or MultiPolygon` };
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { problem: `extent is a ${type} without coordinates` };
  for (const polygon of polygons) {
    const problem = polygonProblem(polygon);
    if (problem) return { problem: `extent is not a valid ${type}: ${problem}` };
  }
  return { geometry: { type, coordinates } };
}

function unwrapFeature(value: unknown): unknown {
  const v = value as { type?: string; geometry?: unknown; features?: Array<{ geometry?: unknown }> };
  if (v?.type === 'Feature') return v.geometry;
  if (v?.type === 'FeatureCollection' && Array.isArray(v.features)) {
    const geometries = v.features.map((f) => f?.geometry as GeoJSONGeometry | undefined).filter((g): g is GeoJSONGeometry => !!g);
    return geometries.length === 1 ? geometries[0] : mergeAreas(geometries);
  }
  return value;
}

/** One area, or a MultiPolygon holding every polygon of several (identical ones once). */
export function mergeAreas(areas: GeoJSONGeometry[]): GeoJSONGeometry | null {
  const unique = [...new Map(areas.map((a) => [JSON.stringify(a), a])).values()];
  if (unique.length <= 1) return unique[0] ?? null;
  const polygons = unique.flatMap((a) => (a.type === 'Polygon' ? [a.coordinates] : (a.coordinates as unknown[])));
  return { type: 'MultiPolygon', coordinates: polygons };
}
