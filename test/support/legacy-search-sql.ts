import { SearchParams } from '../../src/modules/search/search-params';

/**
 * THE ORACLE, not the product: the search statement as it was before search_projection (kept verbatim
 * from src/modules/search/search.sql.ts at 948eb38, minus its rare-filter seed), joining the base tables
 * (location, service_at_location, service, organization, attribute, language, practice_principle) per
 * candidate. test/search-equivalence.e2e-spec.ts runs it beside the projection's statement on the same
 * database for hundreds of random searches: same ids, order, distances and cursors, or the projection
 * (or its maintenance) is wrong. Do not "fix" it to match; it is the independent definition.
 */

/** Hidden-address distances are rounded to this step (meters). */
const APPROXIMATE_DISTANCE_STEP_M = 100;

/**
 * Builds the one SQL statement that finds a page of service-at-locations.
 * Pure (no I/O) so the statement can be snapshotted in a test and reviewed.
 *
 * Plan, nearest first and bounded:
 * 1. `reaching`: programs that reach the caller without a visit — by mail,
 *    or mobile with a service area over the search point (GiST on
 *    service_area) and no stop in the search area. Listed apart from the
 *    places (page.reaching), smallest service area first, first page only.
 * 2. `knn`: walk the GiST index on public_point nearest-first (`<->`, a
 *    sphere distance) over locations alone, keeping those with at least one
 *    service matching every filter, and stop after limit + 1 of them or at
 *    the radius, whichever comes first. (Ordering one table by `<->` with a
 *    LIMIT is the shape the planner reliably serves from the index; joined,
 *    it misjudged dense areas and sorted thousands of rows.) Common filters
 *    stop after a few rows; rare ones never walk past the radius.
 * 3. `sites`: `<->` is spherical (planar for a bbox), but distances and
 *    order must be geodesic on the WGS84 spheroid. Whatever order found
 *    them, those limit + 1 sites lie within the largest of their geodesic
 *    distances, so every row that can make the page lies within it too:
 *    re-read that (small) disc with ST_DWithin and sort by exact distance.
 *    (limit + 1 locations hold at least limit + 1 matching rows.) Exact
 *    results, index-bounded work.
 * Hidden-address sites are filtered, ordered and measured by their
 * coarsened public_point (so small radii cannot triangulate them), and
 * their distance is rounded to 100 m, never past the radius.
 * Places (fixed sites and mobile stops, never by-mail programs) are
 * keyset-paginated on (distance_m, id).
 */
export function buildLegacySearchSql(p: SearchParams): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown, cast = ''): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };

  // Inlined (not a CTE column) so the planner can order by `<->` through the index.
  const originPoint = `ST_SetSRID(ST_MakePoint(${bind(p.area.origin.longitude, '::float8')}, ${bind(p.area.origin.latitude, '::float8')}), 4326)`;
  const origin = `${originPoint}::geography`;

  let inArea: string;
  let nearestFirst: string;
  let radius: string | null = null;
  if (p.area.kind === 'bbox' && p.area.box[0] > p.area.box[2]) {
    // Across the antimeridian: the two halves of the box, ordered on the sphere
    // (a planar order from a centre near 180 degrees would be wrong).
    const [minLng, minLat, maxLng, maxLat] = p.area.box.map((v) => bind(v, '::float8'));
    inArea = `(l.public_point::geometry && ST_MakeEnvelope(${minLng}, ${minLat}, 180, ${maxLat}, 4326)
          OR l.public_point::geometry && ST_MakeEnvelope(-180, ${minLat}, ${maxLng}, ${maxLat}, 4326))`;
    nearestFirst = `l.public_point <-> ${origin}`;
  } else if (p.area.kind === 'bbox') {
    const [minLng, minLat, maxLng, maxLat] = p.area.box.map((v) => bind(v, '::float8'));
    inArea = `l.public_point::geometry && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`;
    // The box and this order both use the planar index on public_point::geometry,
    // so the walk stops after limit + 1 sites instead of sorting the viewport.
    // Planar order is only a proxy: `sites` re-sorts by geodesic distance.
    nearestFirst = `l.public_point::geometry <-> ${originPoint}`;
  } else {
    radius = bind(p.area.radiusM, '::float8');
    inArea = `ST_DWithin(l.public_point, ${origin}, ${radius})`;
    nearestFirst = `l.public_point <-> ${origin}`;
  }

  const exact = `ST_Distance(l.public_point, ${origin})`;
  const step = APPROXIMATE_DISTANCE_STEP_M;
  const rounded = `round(${exact} / ${step}) * ${step}`;
  const distance = `CASE WHEN l.address_visibility = 'approximate' THEN ${radius ? `LEAST(${rounded}, ${radius})` : rounded} ELSE ${exact} END`;
  const reachesCaller = `(l.service_area IS NOT NULL AND ST_Intersects(l.service_area, ${origin}))`;
  // A place a person can go to: a fixed site or a mobile stop, never a by-mail program.
  const isPlace = `l.location_type <> 'virtual'`;

  const filters = buildFilters(p, bind);
  const afterCursor = (key: string) => (p.after ? [`(${key}, sal.id) > (${bind(p.after.distanceM, '::float8')}, ${bind(p.after.id, '::uuid')})`] : []);
  const limit = bind(p.limit + 1, '::int');

  const joins = `JOIN service_at_location sal ON sal.location_id = l.id
      JOIN service s ON s.id = sal.service_id
      JOIN organization org ON org.id = s.organization_id`;
  const from = `location l
      ${joins}`;
  const siteWhere = (extra: string[]) => [...extra, isPlace, ...filters, ...afterCursor(distance)].join('\n       AND ');

  // Programs that reach the caller without a visit: by mail, or a service area
  // over the caller with no stop in the search area. Listed apart from the
  // places (most local first), on the first page only.
  const reaching = p.after
    ? `reaching AS (SELECT NULL::uuid AS id, NULL::uuid AS service_id, NULL::uuid AS location_id, NULL::float8 AS distance_m, NULL::text AS reach, true AS reaching WHERE false)`
    : `reaching AS (
  SELECT sal.id, sal.service_id, sal.location_id, NULL::float8 AS distance_m,
         CASE l.location_type WHEN 'virtual' THEN 'by_mail' ELSE 'mobile' END AS reach, true AS reaching
    FROM ${from}
   WHERE ${[reachesCaller, `(NOT ${isPlace} OR l.public_point IS NULL OR NOT ${inArea})`, ...filters].join('\n     AND ')}
   ORDER BY ST_Area(l.service_area), sal.id
   LIMIT ${bind(p.limit, '::int')}
)`;
  const sites = (source: string, where: string[]) => `sites AS (
  SELECT sal.id, sal.service_id, sal.location_id, ${distance} AS distance_m,
         CASE l.location_type WHEN 'mobile' THEN 'mobile' ELSE 'on_site' END AS reach, false AS reaching
    FROM ${source}
   WHERE ${siteWhere(where)}
   ORDER BY distance_m, sal.id
   LIMIT ${limit}
)`;

  let candidates: string;
  {
    candidates = `knn AS (
  SELECT ${distance} AS distance_m
    FROM location l
   WHERE ${inArea}
     AND l.deleted_at IS NULL
     AND ${isPlace}
     AND EXISTS (
       SELECT 1
         FROM service_at_location sal
         JOIN service s ON s.id = sal.service_id
         JOIN organization org ON org.id = s.organization_id
        WHERE sal.location_id = l.id
          AND ${[...filters, ...afterCursor(distance)].join('\n          AND ')})
   ORDER BY ${nearestFirst}
   LIMIT ${limit}
),
${sites(from, [`ST_DWithin(l.public_point, ${origin}, (SELECT max(distance_m) + ${step} FROM knn))`, inArea])}`;
  }

  const sql = `
WITH ${reaching},
${candidates}
SELECT id, service_id, location_id, distance_m, reach, reaching FROM reaching
UNION ALL
SELECT id, service_id, location_id, distance_m, reach, reaching FROM sites`;
  return { sql, params };
}

/** WHERE conditions for the filters (AND across filters and across a filter's groups, OR within a group). */
function buildFilters(p: SearchParams, bind: (value: unknown, cast?: string) => string): string[] {
  const where: string[] = [`s.status = 'active'`, `s.deleted_at IS NULL AND l.deleted_at IS NULL AND sal.deleted_at IS NULL AND org.deleted_at IS NULL`];
  // one EXISTS per owner column (not `service_id = .. OR location_id = ..`), so each uses its index;
  // the codes already include their descendants (parseSearch)
  const termMatch = (codes: string[], owners: string[]) => {
    const any = bind(codes, '::text[]');
    const per = owners.map((owner) => `EXISTS (SELECT 1 FROM attribute a WHERE ${owner} AND a.taxonomy_term_code = ANY(${any}))`);
    return per.length === 1 ? per[0] : `(${per.join('\n           OR ')})`;
  };
  for (const codes of p.services) where.push(termMatch(codes, ['a.service_id = s.id']));
  for (const codes of [...p.transport, ...p.access, ...p.populations]) {
    where.push(termMatch(codes, ['a.service_id = s.id', 'a.location_id = l.id']));
  }
  for (const codes of p.principles) where.push(principleMatch(codes, bind));
  for (const group of p.languages) {
    const codes = bind(group, '::text[]');
    where.push(`(EXISTS (SELECT 1 FROM language lg WHERE lg.service_id = s.id AND lg.code = ANY(${codes}))
           OR EXISTS (SELECT 1 FROM language lg WHERE lg.location_id = l.id AND lg.code = ANY(${codes})))`);
  }
  if (p.verifiedSince) where.push(`s.assured_date >= ${bind(p.verifiedSince, '::date')}`);
  if (p.q) {
    const q = bind(p.q, '::text');
    const haystack = `lower(concat_ws(' ', s.name, s.description, org.name, l.name, l.description))`;
    // fuzzy over the listing's own text catches typos in names; when q names terms, the
    // term match already forgave its typos, and fuzzy text would add near-misses ("free narcan" ~ "access")
    const exact = `strpos(${haystack}, lower(${q})) > 0`;
    const text = p.qCodes.length ? exact : `${exact} OR word_similarity(lower(${q}), ${haystack}) >= 0.5`;
    // q naming taxonomy terms ("narcan", "free needle exchange"): listings carrying a term of each branch named
    const terms = p.qCodes.length ? `\n           OR (${p.qCodes.map((codes) => branchMatch(codes, termMatch, bind)).join(' AND ')})` : '';
    where.push(`(${text}${terms})`);
  }
  if (p.openAt) {
    const at = bind(p.openAt.toISOString(), '::timestamptz');
    const open = (alias: string) =>
      `schedule_is_open(${alias}.byday, ${alias}.opens_at, ${alias}.closes_at, ${alias}.timezone, ${alias}.valid_from, ${alias}.valid_to, ${at})`;
    // a service's own hours at this location win; otherwise the location's (two index lookups, no OR join)
    where.push(`(EXISTS (SELECT 1 FROM schedule own WHERE own.service_at_location_id = sal.id AND ${open('own')})
           OR (NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = sal.id)
               AND EXISTS (SELECT 1 FROM schedule site WHERE site.location_id = l.id AND ${open('site')})))`);
  }
  return where;
}

type TermMatch = (codes: string[], owners: string[]) => string;
type Bind = (value: unknown, cast?: string) => string;

/** A provider's declared practices enact one of these principles. */
function principleMatch(codes: string[], bind: Bind): string {
  return `EXISTS (SELECT 1 FROM attribute a JOIN practice_principle pp ON pp.practice_code = a.taxonomy_term_code
              WHERE a.organization_id = s.organization_id AND pp.principle_code = ANY(${bind(codes, '::text[]')}))`;
}

/** Codes of one branch, matched where that branch's terms are attached. */
function branchMatch(codes: string[], termMatch: TermMatch, bind: Bind): string {
  const branch = codes[0].split('.')[0];
  if (branch === 'service') return termMatch(codes, ['a.service_id = s.id']);
  if (branch === 'practice') return termMatch(codes, ['a.organization_id = s.organization_id']);
  if (branch === 'principle') return principleMatch(codes, bind);
  return termMatch(codes, ['a.service_id = s.id', 'a.location_id = l.id']);
}
