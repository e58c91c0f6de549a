import { SearchParams } from './search-params';
import { innerTrigramsRequired } from './fuzzy-guard';
import { SearchSeed, tagGroups } from './search-seed';

/** Hidden-address distances are rounded to this step (meters). */
export const APPROXIMATE_DISTANCE_STEP_M = 100;

/**
 * Builds the one SQL statement that finds a page of service-at-locations.
 * Pure (no I/O) so the statement can be snapshotted in a test and reviewed.
 *
 * It reads search_projection alone (migration 1764140000009): one row per
 * searchable service-at-location with its public point, service area and one
 * array of filter codes (`tags`), so a filter is a test on the row itself,
 * not seven index lookups per candidate.
 *
 * Plan, nearest first and bounded:
 * 1. `reaching`: programs that reach the caller without a visit — by mail,
 *    or mobile with a service area over the search point (partial GiST on
 *    service_area) and no stop in the search area. Listed apart from the
 *    places (page.reaching), smallest service area first, first page only.
 * 2. `knn`: walk the GiST index on public_point nearest-first (`<->`, a
 *    sphere distance), keeping the rows whose tags match every filter, and
 *    stop after limit + 1 of them or at the radius, whichever comes first.
 * 3. `sites`: `<->` is spherical (planar for a bbox), but distances and
 *    order must be geodesic on the WGS84 spheroid. Whatever order found
 *    them, those limit + 1 rows lie within the largest of their geodesic
 *    distances, so every row that can make the page lies within it too:
 *    re-read that (small) disc with ST_DWithin and sort by exact distance.
 *    Exact results, index-bounded work.
 * With a `seed` (a rare filter, see search-seed.ts), `knn` is replaced by
 * `seed_sites`: the rows holding every filter code at once, found by the GIN
 * index on tags (methadone ∩ ASL: a few hundred rows nationally); `sites`
 * then measures only those. Same rows, same order.
 * Hidden-address sites are filtered, ordered and measured by their
 * coarsened public_point (so small radii cannot triangulate them), and
 * their distance is rounded to 100 m, never past the radius.
 * Places (fixed sites and mobile stops, never by-mail programs) are
 * keyset-paginated on (distance_m, id).
 */
export function buildSearchSql(p: SearchParams, seed: SearchSeed | null = null): { sql: string; params: unknown[] } {
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
    inArea = `(sp.public_point::geometry && ST_MakeEnvelope(${minLng}, ${minLat}, 180, ${maxLat}, 4326)
          OR sp.public_point::geometry && ST_MakeEnvelope(-180, ${minLat}, ${maxLng}, ${maxLat}, 4326))`;
    nearestFirst = `sp.public_point <-> ${origin}`;
  } else if (p.area.kind === 'bbox') {
    const [minLng, minLat, maxLng, maxLat] = p.area.box.map((v) => bind(v, '::float8'));
    inArea = `sp.public_point::geometry && ST_MakeEnvelope(${minLng}, ${minLat}, ${maxLng}, ${maxLat}, 4326)`;
    // The box and this order both use the planar index on public_point::geometry,
    // so the walk stops after limit + 1 rows instead of sorting the viewport.
    // Planar order is only a proxy: `sites` re-sorts by geodesic distance.
    nearestFirst = `sp.public_point::geometry <-> ${originPoint}`;
  } else {
    radius = bind(p.area.radiusM, '::float8');
    inArea = `ST_DWithin(sp.public_point, ${origin}, ${radius})`;
    nearestFirst = `sp.public_point <-> ${origin}`;
  }

  const exact = `ST_Distance(sp.public_point, ${origin})`;
  const step = APPROXIMATE_DISTANCE_STEP_M;
  const rounded = `round(${exact} / ${step}) * ${step}`;
  const distance = `CASE WHEN sp.address_visibility = 'approximate' THEN ${radius ? `LEAST(${rounded}, ${radius})` : rounded} ELSE ${exact} END`;
  const reachesCaller = `(sp.service_area IS NOT NULL AND ST_Intersects(sp.service_area, ${origin}))`;
  // A place a person can go to: a fixed site or a mobile stop, never a by-mail program.
  const isPlace = `sp.location_type <> 'virtual'`;

  const { tags, other } = buildFilters(p, bind);
  const filters = [...tags, ...other];
  const afterCursor = (key: string) => (p.after ? [`(${key}, sp.id) > (${bind(p.after.distanceM, '::float8')}, ${bind(p.after.id, '::uuid')})`] : []);
  const limit = bind(p.limit + 1, '::int');
  const and = (conditions: string[], indent = '     ') => conditions.join(`\n${indent}AND `);

  // Programs that reach the caller without a visit: by mail, or a service area
  // over the caller with no stop in the search area. Listed apart from the
  // places (most local first), on the first page only.
  const reaching = p.after
    ? `reaching AS (SELECT NULL::uuid AS id, NULL::uuid AS service_id, NULL::uuid AS location_id, NULL::float8 AS distance_m, NULL::text AS reach, true AS reaching WHERE false)`
    : `reaching AS (
  SELECT sp.id, sp.service_id, sp.location_id, NULL::float8 AS distance_m,
         CASE sp.location_type WHEN 'virtual' THEN 'by_mail' ELSE 'mobile' END AS reach, true AS reaching
    FROM search_projection sp
   WHERE ${and([reachesCaller, `(NOT ${isPlace} OR sp.public_point IS NULL OR NOT ${inArea})`, ...filters])}
   ORDER BY sp.service_area_m2, sp.id
   LIMIT ${bind(p.limit, '::int')}
)`;
  const sites = (source: string, where: string[]) => `sites AS (
  SELECT sp.id, sp.service_id, sp.location_id, ${distance} AS distance_m,
         CASE sp.location_type WHEN 'mobile' THEN 'mobile' ELSE 'on_site' END AS reach, false AS reaching
    FROM ${source}
   WHERE ${and([...where, isPlace, ...filters, ...afterCursor(distance)])}
   ORDER BY distance_m, sp.id
   LIMIT ${limit}
)`;

  let candidates: string;
  if (seed && tags.length) {
    // Materialized with the tag conditions alone, so the planner can only answer it from the GIN index
    // (intersecting the codes' posting lists) and never turns it back into a walk of the area.
    candidates = `seed_sites AS MATERIALIZED (
  SELECT sp.* FROM search_projection sp WHERE ${and(tags)}
),
${sites('seed_sites sp', [inArea])}`;
  } else {
    candidates = `knn AS (
  SELECT ${distance} AS distance_m
    FROM search_projection sp
   WHERE ${and([inArea, isPlace, ...filters, ...afterCursor(distance)])}
   ORDER BY ${nearestFirst}
   LIMIT ${limit}
),
${sites('search_projection sp', [`ST_DWithin(sp.public_point, ${origin}, (SELECT max(distance_m) + ${step} FROM knn))`, inArea])}`;
  }

  const sql = `
WITH ${reaching},
${candidates}
SELECT id, service_id, location_id, distance_m, reach, reaching FROM reaching
UNION ALL
SELECT id, service_id, location_id, distance_m, reach, reaching FROM sites`;
  return { sql, params };
}

type Bind = (value: unknown, cast?: string) => string;

/**
 * WHERE conditions for the filters (AND across filters and across a filter's groups, OR within a group).
 * `tags`: the conditions on the projection's code array (the GIN seed uses exactly these); `other`: the rest.
 * The codes already include their descendants (parseSearch), and the projection's tags already say where
 * each branch counts (service terms of the service, access/transport/population of service or location,
 * practices of the organization and the principles they enact), so every code filter is one `&&`.
 */
function buildFilters(p: SearchParams, bind: Bind): { tags: string[]; other: string[] } {
  const hasAny = (codes: string[]) => `sp.tags && ${bind(codes, '::text[]')}`;
  const tags: string[] = [];
  const other: string[] = [];
  for (const codes of tagGroups(p)) tags.push(hasAny(codes));
  if (p.verifiedSince) other.push(`sp.assured_date >= ${bind(p.verifiedSince, '::date')}`);
  if (p.q) {
    const q = bind(p.q, '::text');
    // fuzzy over the listing's own text catches typos in names; when q names terms, the
    // term match already forgave its typos, and fuzzy text would add near-misses ("free narcan" ~ "access")
    const exact = `strpos(sp.search_text, lower(${q})) > 0`;
    // (a parameter is bound only when the statement uses it: PostgreSQL cannot type an unused one)
    const fuzzy = () => {
      const similar = `word_similarity(lower(${q}), sp.search_text) >= 0.5`;
      const inner = innerTrigramsRequired(p.q!);
      return inner ? `((${inner.map((t) => `strpos(sp.search_text, ${bind(t, '::text')}) > 0`).join(' OR ')}) AND ${similar})` : similar;
    };
    const text = p.qCodes.length ? exact : `${exact} OR ${fuzzy()}`;
    // q naming taxonomy terms ("narcan", "free needle exchange"): listings carrying a term of each branch named
    const terms = p.qCodes.length ? `\n           OR (${p.qCodes.map(hasAny).join(' AND ')})` : '';
    other.push(`(${text}${terms})`);
  }
  if (p.openAt) {
    const at = bind(p.openAt.toISOString(), '::timestamptz');
    const open = (alias: string) =>
      `schedule_is_open(${alias}.byday, ${alias}.opens_at, ${alias}.closes_at, ${alias}.timezone, ${alias}.valid_from, ${alias}.valid_to, ${at})`;
    // a service's own hours at this location win; otherwise the location's (two index lookups, no OR join)
    other.push(`(EXISTS (SELECT 1 FROM schedule own WHERE own.service_at_location_id = sp.id AND ${open('own')})
           OR (NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = sp.id)
               AND EXISTS (SELECT 1 FROM schedule site WHERE site.location_id = sp.location_id AND ${open('site')})))`);
  }
  return { tags, other };
}
