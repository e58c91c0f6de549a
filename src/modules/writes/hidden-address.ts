/**
 * What the audit log may keep of a hidden-address site (address_visibility
 * 'approximate'): the same public form every read serves (locations.repository
 * PUBLIC_LOCATION_COLUMNS). The street lines are withheld and the point is the
 * one snapped to the ~2 km grid, so the admin audit log cannot leak the true
 * site either; the README promises the true point never leaves the database.
 */

/** The public_point grid (migration SearchSupport1764140000003): 0.02° in each axis. */
const GRID_DEGREES = 0.02;

/** Decimals the public read path gives a point (ST_AsGeoJSON(public_point, 6)). */
const DECIMALS = 6;

/** Street fields a read of a hidden-address site withholds. */
export const WITHHELD_STREET_FIELDS = ['address_1', 'address_2'] as const;

const withheld = WITHHELD_STREET_FIELDS.map((f) => `'${f}', NULL`).join(', ');

/**
 * SQL: the public overrides for a location row `r` (jsonb to merge over its
 * snapshot): the snapped point, latitude and longitude of public_point, no
 * street lines. Empty for a public address.
 */
export const publicLocationOverridesSql = (r: string) => `CASE WHEN ${r}.address_visibility = 'approximate' THEN jsonb_build_object(
    'point', ST_AsGeoJSON(${r}.public_point, ${DECIMALS})::jsonb,
    'latitude', round(ST_Y(${r}.public_point::geometry)::numeric, ${DECIMALS}),
    'longitude', round(ST_X(${r}.public_point::geometry)::numeric, ${DECIMALS}),
    ${withheld})
  ELSE '{}'::jsonb END`;

/** PostgreSQL's round(float8): to the nearest integer, halves to even (rint). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A coordinate snapped as public_point snaps it, with the read path's decimals. */
const snap = (degrees: number) => Number((roundHalfEven(degrees / GRID_DEGREES) * GRID_DEGREES).toFixed(DECIMALS));

/**
 * An imported location record (not yet a row) in its public form, for the
 * import's audit rows: the same arithmetic as the public_point column, done
 * here because thousands of records are audited in a few statements.
 */
export function publicImportedLocation<T extends { address_visibility?: string; latitude?: number | null; longitude?: number | null }>(record: T): T {
  if (record.address_visibility !== 'approximate') return record;
  const hidden: Record<string, unknown> = { ...record };
  for (const field of WITHHELD_STREET_FIELDS) hidden[field] = null;
  if (typeof record.latitude === 'number') hidden.latitude = snap(record.latitude);
  if (typeof record.longitude === 'number') hidden.longitude = snap(record.longitude);
  return hidden as T;
}
