import { SearchParams } from './search-params';

/**
 * Builds the one SQL statement that finds a page of service-at-locations.
 * Pure (no I/O) so the statement can be snapshotted in a test and reviewed.
 *
 * Shape:
 * - candidates come from two index-backed sets: sites whose public point is
 *   within the radius/box (GiST on public_point), and mobile or by-mail
 *   programs whose service area contains the search point (GiST on
 *   service_area);
 * - distances are geodesic on the WGS84 spheroid (geography ST_Distance);
 *   a program that reaches the caller through its service area is 0 m away;
 * - hidden-address sites are filtered, ordered and measured by their
 *   coarsened public_point, and their distance is rounded to 100 m;
 * - the page is keyset-paginated on (distance_m, id).
 */
export function buildSearchSql(p: SearchParams): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown, cast = ''): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };

  const lng = bind(p.area.origin.longitude, '::float8');
  const lat = bind(p.area.origin.latitude, '::float8');
  const origin = `ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)::geography`;

  let onSite: string;
  let roundedApproximate = `round(ST_Distance(l.public_point, o.pt) / 100) * 100`;
  if (p.area.kind === 'bbox') {
    const [minLng, minLat, maxLng, maxLat] = p.area.box.map((v) => bind(v, '::float8'));
    onSite = `l.public_point::geometry && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`;
  } else {
    const radius = bind(p.area.radiusM, '::float8');
    onSite = `ST_DWithin(l.public_point, o.pt, ${radius})`;
    // rounding must not push a result past the radius the caller asked for
    roundedApproximate = `LEAST(${roundedApproximate}, ${radius})`;
  }

  const where: string[] = [`s.status = 'active'`];
  const termMatch = (codes: string[], owner: string) => {
    const exact = bind(codes, '::text[]');
    const below = bind(codes.map((c) => `${c}.%`), '::text[]');
    return `EXISTS (SELECT 1 FROM attribute a WHERE (${owner})
              AND (a.taxonomy_term_code = ANY(${exact}) OR a.taxonomy_term_code LIKE ANY(${below})))`;
  };
  if (p.services.length) where.push(termMatch(p.services, 'a.service_id = s.id'));
  for (const codes of [p.transport, p.access, p.populations]) {
    if (codes.length) where.push(termMatch(codes, 'a.service_id = s.id OR a.location_id = l.id'));
  }
  if (p.principles.length) {
    where.push(`EXISTS (SELECT 1 FROM attribute a JOIN practice_principle pp ON pp.practice_code = a.taxonomy_term_code
              WHERE a.organization_id = s.organization_id AND pp.principle_code = ANY(${bind(p.principles, '::text[]')}))`);
  }
  if (p.languages.length) {
    where.push(`EXISTS (SELECT 1 FROM language lg WHERE (lg.service_id = s.id OR lg.location_id = l.id)
              AND lg.code = ANY(${bind(p.languages, '::text[]')}))`);
  }
  if (p.verifiedSince) where.push(`s.assured_date >= ${bind(p.verifiedSince, '::date')}`);
  if (p.q) {
    const q = bind(p.q, '::text');
    const haystack = `lower(concat_ws(' ', s.name, s.description, org.name, l.name, l.description))`;
    where.push(`(strpos(${haystack}, lower(${q})) > 0 OR word_similarity(lower(${q}), ${haystack}) >= 0.5)`);
  }
  if (p.openAt) {
    const at = bind(p.openAt.toISOString(), '::timestamptz');
    // a service's own hours at this location win; otherwise the location's
    where.push(`EXISTS (SELECT 1 FROM schedule sc
              WHERE (sc.service_at_location_id = sal.id
                     OR (sc.location_id = l.id
                         AND NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = sal.id)))
                AND schedule_is_open(sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.valid_from, sc.valid_to, ${at}))`);
  }

  const reachesCaller = `(l.service_area IS NOT NULL AND ST_Intersects(l.service_area, o.pt))`;
  const after = p.after
    ? `WHERE (m.distance_m, m.id) > (${bind(p.after.distanceM, '::float8')}, ${bind(p.after.id, '::uuid')})`
    : '';
  const limit = bind(p.limit + 1, '::int');

  const sql = `
WITH o AS (SELECT ${origin} AS pt),
matches AS (
  SELECT sal.id, sal.service_id, sal.location_id,
         CASE WHEN ${reachesCaller} THEN 0::float8
              WHEN l.address_visibility = 'approximate' THEN ${roundedApproximate}
              ELSE ST_Distance(l.public_point, o.pt) END AS distance_m,
         CASE WHEN ${reachesCaller} AND l.location_type = 'virtual' THEN 'by_mail'
              WHEN l.location_type = 'mobile' THEN 'mobile'
              ELSE 'on_site' END AS reach
    FROM o
    JOIN location l ON (${onSite} OR ${reachesCaller})
    JOIN service_at_location sal ON sal.location_id = l.id
    JOIN service s ON s.id = sal.service_id
    JOIN organization org ON org.id = s.organization_id
   WHERE ${where.join('\n     AND ')}
)
SELECT m.id, m.service_id, m.location_id, m.distance_m, m.reach
  FROM matches m
  ${after}
 ORDER BY m.distance_m, m.id
 LIMIT ${limit}`;
  return { sql, params };
}
