import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * A service area as RFC 7946 GeoJSON: a Polygon or MultiPolygon of closed
 * linear rings (at least four [longitude, latitude] positions, the last equal
 * to the first), WGS84 degrees in range. Checked before the value reaches
 * PostGIS: it would accept some of these (a Point, a `crs` member naming
 * another projection) and fail on others with errors that are not the
 * caller's to read (the embedded build even loses its connection on a
 * 2-point ring or NaN).
 */
const MAX_POSITIONS = 100_000;

function positionProblem(position: unknown): string | null {
  if (!Array.isArray(position) || position.length !== 2) return 'each position must be [longitude, latitude]';
  const [lng, lat] = position as [unknown, unknown];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    return 'coordinates must be finite numbers';
  }
  if (lng < -180 || lng > 180) return 'longitude must be between -180 and 180';
  if (lat < -90 || lat > 90) return 'latitude must be between -90 and 90';
  return null;
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'each ring needs at least 4 positions';
  for (const position of ring) {
    const problem = positionProblem(position);
    if (problem) return problem;
  }
  const [first, last] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'each ring must be closed (its last position equal to its first)';
  return null;
}

function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'a polygon is a non-empty array of rings';
  for (const ring of polygon) {
    const problem = ringProblem(ring);
    if (problem) return problem;
  }
  return null;
}

const countPositions = (polygons: unknown[][]) => polygons.reduce((n, rings) => n + rings.reduce((m: number, r) => m + (r as unknown[]).length, 0), 0);

/** Why `value` is not an acceptable service area, or null when it is one. */
export function serviceAreaProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be a GeoJSON Polygon or MultiPolygon object';
  const { type, coordinates, ...others } = value as { type?: unknown; coordinates?: unknown };
  const extra = Object.keys(others);
  if (extra.length) return `must have only the members type and coordinates (not ${extra.slice(0, 3).join(', ')}); coordinates are WGS84`;
  if (type !== 'Polygon' && type !== 'MultiPolygon') return 'type must be Polygon or MultiPolygon';
  if (!Array.isArray(coordinates) || coordinates.length === 0) return 'coordinates must be a non-empty array';
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as unknown[];
  for (const polygon of polygons) {
    const problem = polygonProblem(polygon);
    if (problem) return problem;
  }
  if (countPositions(polygons as unknown[][]) > MAX_POSITIONS) return `must have at most ${MAX_POSITIONS} positions`;
  return null;
}

/** class-validator: a valid GeoJSON service area (see serviceAreaProblem). */
export function IsServiceArea(validationOptions?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isServiceArea',
      target: target.constructor,
      propertyName,
      options: validationOptions,
      validator: {
        validate: (value: unknown) => serviceAreaProblem(value) === null,
        defaultMessage: ({ property, value }: ValidationArguments) => `${property} ${serviceAreaProblem(value)}`,
      },
    });
}
