/**
 * The floor: what the data allows, independent of the app.
 *
 *   DATABASE_URL=postgres://... PORT=3902 node -r ts-node/register/transpile-only bench/baseline.ts
 *
 * A bare node:http server over a pg Pool, no framework, no validation. GET /v1/search takes the
 * app's query parameters (near | postal_code | bbox, radius, radius_unit, service, language,
 * access, transport, population, principle, open_now | open_at, q, limit) and answers with ONE SQL
 * statement, written here by hand over the schema as it is (search_projection and the base tables,
 * migrations/), that builds the whole response in PostgreSQL — results, reaching programs, opening
 * status through the schema's schedule functions, the page info — as one `text` value, which is
 * written to the socket as it is (no JSON.parse, no JSON.stringify).
 *
 * Nothing of the app's search code is used: not its SQL builders, not its seed choice, not its
 * cursor signing. The one import from src/ is the ZIP-code table (postal-codes.ts: ZIP -> centroid,
 * precision, label), which is input data like the schema, not a way of searching.
 *
 * Paging: the floor's next_cursor is its keyset in the clear, `<distance_m>,<id>` (float8 text,
 * exact round trip), and it takes it back as `after=<distance_m>,<id>`. Its pages must equal the
 * app's (bench/run.ts compares them, cursors masked), the second page included.
 *
 * Plan shapes (one statement each, chosen per request from PostgreSQL's own element statistics
 * of search_projection.tags, read once at start):
 * - walk: nearest-first over the GiST index on public_point (`<->`, spherical), keeping rows whose
 *   tags match, LIMIT limit + 1; then the exact geodesic re-sort of the small disc those rows span
 *   (ST_DWithin on the spheroid, + 50 m: a hidden-address site's distance is rounded to 100 m);
 * - seed: when the filter codes together are rare nationally (estimated rows < sqrt(rows x (limit + 1)),
 *   the break-even of "read every match in the country" against "walk until limit + 1 matches"),
 *   the GIN index on tags intersects the codes first and only those rows are measured.
 * The statements are prepared (named) per connection and run with generic plans: planning is paid
 * once per connection, not per request (EXPLAIN figures in bench/run.ts's report).
 * GET /health/ready answers 200 once the pool is warm.
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
// Input data only (the ZIP centroid table the app geocodes with), see above.
import { lookupUsZip } from '../src/modules/search/postal-codes';

/** The floor's own connection settings: no JIT (its compile time would be paid per statement), generic plans for its prepared statements. */
export const FLOOR_PG_OPTIONS = '-c jit=off -c plan_cache_mode=force_generic_plan';
export const FLOOR_APPLICATION_NAME = 'hrd-bench-floor';

export interface FloorContext {
  /** Every taxonomy code, for expanding a filter code to its descendants. */
  taxonomy: string[];
  /** search_projection.tags element frequencies (pg_stats), and the frequency assumed for a code not listed. */
  tagFreq: Map<string, number>;
  rareFreq: number;
  rows: number;
}

export interface FloorStatement {
  name: string;
  text: string;
  values: unknown[];
  /** Which plan shape (walk or seed) and area kind, for the report. */
  shape: string;
}

export async function loadFloorContext(db: { query: Pool['query'] }): Promise<FloorContext> {
  const taxonomy = (await db.query<{ code: string }>('SELECT code FROM taxonomy_term')).rows.map((r) => r.code);
  const stats = await db.query<{ elems: string[] | null; freqs: number[] | null; rows: number }>(
    `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs, c.reltuples::float8 AS rows
       FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = 'public' AND s.tablename = 'search_projection' AND s.attname = 'tags'
      WHERE c.oid = 'search_projection'::regclass`,
  );
  const { elems, freqs, rows } = stats.rows[0];
  const tagFreq = new Map<string, number>();
  (elems ?? []).forEach((e, i) => tagFreq.set(e, freqs![i]));
  // after the per-element frequencies pg_stats lists the minimum and maximum of them; an unlisted
  // element is rarer than the minimum (PostgreSQL's own selectivity code assumes half of it)
  const min = freqs && freqs.length > (elems?.length ?? 0) ? freqs[elems!.length] : 0.0001;
  return { taxonomy, tagFreq, rareFreq: min / 2, rows: Math.max(1, rows) };
}

const EARTH_RADIUS_M = 6_371_008.8;
function sphereM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

const codesOf = (q: URLSearchParams, name: string) =>
  q
    .getAll(name)
    .map((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .filter((g) => g.length);

/** The inner trigrams of q (pg_trgm's, for plain lower-case ASCII words) when they must match for word_similarity >= 0.5; else null. */
function innerTrigrams(q: string): string[] | null {
  if (!/^[a-z0-9 ]+$/.test(q)) return null;
  const all = new Set<string>();
  const inner = new Set<string>();
  for (const word of q.split(/ +/).filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const g = padded.slice(i, i + 3);
      all.add(g);
      if (!g.includes(' ')) inner.add(g);
    }
  }
  return all.size - inner.size < 0.5 * all.size && inner.size > 0 ? [...inner] : null;
}

/**
 * The one statement for a query string. Throws on a query it cannot answer (the floor covers the
 * benchmark's workloads, not the API's whole surface: no place=, no verified_within_days, no
 * antimeridian boxes, q by text only — the app also matches q against taxonomy term names).
 */
export function floorStatement(q: URLSearchParams, ctx: FloorContext, now: Date): FloorStatement {
  const values: unknown[] = [];
  const bind = (v: unknown, cast: string) => {
    values.push(v);
    return `$${values.length}::${cast}`;
  };
  for (const unsupported of ['place', 'verified_within_days', 'cursor']) if (q.has(unsupported)) throw new Error(`the floor does not take ${unsupported}=`);
  const limitN = q.get('limit') ? Number(q.get('limit')) : 20;
  const unitM = q.get('radius_unit') === 'mi' ? 1609.344 : 1000;
  const radiusM = (q.get('radius') ? Number(q.get('radius')) : q.get('radius_unit') === 'mi' ? 15 / 1.609344 : 15) * unitM;

  // ---- origin and area (bound values: the statement text depends only on the kind of area and the filters present)
  let lat: number, lng: number, originSource: string, precision: number, label: string | null;
  let box: number[] | null = null;
  if (q.get('bbox')) {
    box = q.get('bbox')!.split(',').map(Number);
    const [minLng, minLat, maxLng, maxLat] = box;
    if (minLng > maxLng) throw new Error('the floor does not take boxes across the antimeridian');
    lng = minLng + (maxLng - minLng) / 2;
    lat = (minLat + maxLat) / 2;
    originSource = 'bbox';
    precision = Math.round(sphereM(lat, lng, maxLat, maxLng));
    label = null;
  } else if (q.get('postal_code')) {
    const zip = lookupUsZip(q.get('postal_code')!.trim());
    if (!zip) throw new Error('unknown ZIP');
    ({ latitude: lat, longitude: lng, label } = zip);
    originSource = 'postal_code';
    precision = Math.round(zip.precision_m);
  } else {
    [lat, lng] = q.get('near')!.split(',').map(Number);
    originSource = 'near';
    precision = 0;
    label = null;
  }
  const origin = bind(`SRID=4326;POINT(${lng} ${lat})`, 'geography');
  let inArea: string;
  let nearest: string;
  let radius: string | null = null;
  if (box) {
    const [minLng, minLat, maxLng, maxLat] = box;
    const env = bind(`SRID=4326;POLYGON((${minLng} ${minLat},${minLng} ${maxLat},${maxLng} ${maxLat},${maxLng} ${minLat},${minLng} ${minLat}))`, 'geometry');
    inArea = `sp.public_point::geometry && ${env}`;
    // planar order on the expression index over public_point::geometry, from the box's centre
    nearest = `sp.public_point::geometry <-> ${bind(`SRID=4326;POINT(${lng} ${lat})`, 'geometry')}`;
  } else {
    radius = bind(radiusM, 'float8');
    inArea = `ST_DWithin(sp.public_point, ${origin}, ${radius})`;
    nearest = `sp.public_point <-> ${origin}`;
  }
  const exact = `ST_Distance(sp.public_point, ${origin})`;
  // hidden-address sites: distance rounded to 100 m, never past the radius
  const rounded = `round(${exact} / 100) * 100`;
  const dist = `CASE WHEN sp.address_visibility = 'approximate' THEN ${radius ? `LEAST(${rounded}, ${radius})` : rounded} ELSE ${exact} END`;

  // ---- filters: every code filter is one && on the projection's tags (codes with their descendants; principles as given)
  const below = (codes: string[]) => [...new Set([...codes, ...ctx.taxonomy.filter((t) => codes.some((c) => t.startsWith(`${c}.`)))])].sort();
  const tagGroups: string[][] = [
    ...['service', 'transport', 'access', 'population'].flatMap((n) => codesOf(q, n).map(below)),
    ...codesOf(q, 'principle'),
    ...codesOf(q, 'language').map((g) => g.map((c) => `lang:${c}`)),
  ];
  const tagArrays = tagGroups.map((g) => bind(g, 'text[]'));
  // indexable form (the GIN seed), and the same test as a plain per-row filter: COALESCE hides it from the
  // planner's index matching, so a nearest-first walk stays a walk (given the choice, PostgreSQL bitmap-ANDs
  // the GIN index with the disc, reading every match in the radius: 126 ms against ~1 ms at 1M, common)
  const tagConds = tagArrays.map((a) => `sp.tags && ${a}`);
  const tagFilters = tagArrays.map((a) => `COALESCE(sp.tags && ${a}, false)`);
  const other: string[] = [];
  const text = q.get('q')?.trim();
  if (text) {
    const lower = text.toLowerCase();
    const t = bind(lower, 'text');
    // word_similarity(q, text) is the share of q's trigrams found in one extent of the text's. When fewer than
    // half of q's trigrams are padded word ends ("  j", " ju", "er "), a score of 0.5 needs one of q's inner
    // trigrams ("jun", "uni", ...), which is then a substring of the (lower-cased) text: a cheap strpos test
    // that skips the trigram computation for most rows (at 1M, q=juniper: 26% pass) without changing the answer.
    const inner = innerTrigrams(lower);
    const fuzzy = `word_similarity(${t}, sp.search_text) >= 0.5`;
    const guarded = inner ? `((${inner.map((g) => `strpos(sp.search_text, ${bind(g, 'text')}) > 0`).join(' OR ')}) AND ${fuzzy})` : fuzzy;
    other.push(`(strpos(sp.search_text, ${t}) > 0 OR ${guarded})`);
  }
  const openAt = q.get('open_now') === 'true' ? now : q.get('open_at') ? new Date(q.get('open_at')!) : null;
  if (openAt) {
    const at = bind(openAt.toISOString(), 'timestamptz');
    // schedule_is_open (migrations/1764140000003) written out as an expression: a SQL function with a CTE is not
    // inlined, and calling it once per candidate is most of this filter's cost. Same rule: the local time in the
    // schedule's zone; an interval whose closes_at is not after opens_at runs past midnight into the next day.
    const open = (a: string) => {
      const ts = `(${at} AT TIME ZONE ${a}.timezone)`;
      const onDay = (day: string) =>
        `iso_day_code(${day}) = ANY(${a}.byday) AND (${a}.valid_from IS NULL OR ${day} >= ${a}.valid_from) AND (${a}.valid_to IS NULL OR ${day} <= ${a}.valid_to)`;
      return `CASE WHEN ${a}.closes_at > ${a}.opens_at
                THEN ${ts}::time >= ${a}.opens_at AND ${ts}::time < ${a}.closes_at AND ${onDay(`${ts}::date`)}
                ELSE (${ts}::time >= ${a}.opens_at AND ${onDay(`${ts}::date`)}) OR (${ts}::time < ${a}.closes_at AND ${onDay(`(${ts}::date - 1)`)}) END`;
    };
    // its own hours here if it has any, else the location's: two index probes per candidate
    other.push(`CASE WHEN EXISTS (SELECT 1 FROM schedule own WHERE own.service_at_location_id = sp.id)
             THEN EXISTS (SELECT 1 FROM schedule own WHERE own.service_at_location_id = sp.id AND ${open('own')})
             ELSE EXISTS (SELECT 1 FROM schedule loc WHERE loc.location_id = sp.location_id AND ${open('loc')}) END`);
  }
  const filters = [...tagFilters, ...other];
  const afterRaw = q.get('after');
  let after: string[] = [];
  if (afterRaw) {
    const comma = afterRaw.indexOf(',');
    after = [`(${dist}, sp.id) > (${bind(Number(afterRaw.slice(0, comma)), 'float8')}, ${bind(afterRaw.slice(comma + 1), 'uuid')})`];
  }
  const limit = bind(limitN, 'int');
  const place = `sp.location_type <> 'virtual'`;
  const and = (c: string[]) => c.join('\n       AND ');

  // ---- plan shape: seed from the GIN index when the codes together are rare in the whole country
  const estimate = tagGroups.reduce(
    (n, g) =>
      n *
      Math.min(
        1,
        g.reduce((s, c) => s + (ctx.tagFreq.get(c) ?? ctx.rareFreq), 0),
      ),
    ctx.rows,
  );
  const seeded = tagGroups.length > 0 && estimate < Math.sqrt(ctx.rows * (limitN + 1));
  const cols = `sp.id, sp.service_id, sp.location_id, sp.organization_id, ${dist} AS d,
         CASE sp.location_type WHEN 'mobile' THEN 'mobile' ELSE 'on_site' END AS reach`;
  const hits = seeded
    ? `seed AS MATERIALIZED (
  SELECT sp.id, sp.service_id, sp.location_id, sp.organization_id, sp.public_point, sp.address_visibility, sp.location_type, sp.search_text
    FROM search_projection sp WHERE ${and(tagConds)}
),
hits AS MATERIALIZED (
  SELECT ${cols}
    FROM seed sp
   WHERE ${and([inArea, place, ...other, ...after])}
   ORDER BY d, sp.id LIMIT ${limit} + 1
)`
    : `knn AS (
  SELECT ${dist} AS d FROM search_projection sp
   WHERE ${and([inArea, place, ...filters, ...after])}
   ORDER BY ${nearest} LIMIT ${limit} + 1
),
hits AS MATERIALIZED (
  SELECT ${cols}
    FROM search_projection sp
   WHERE ${and([`ST_DWithin(sp.public_point, ${origin}, (SELECT max(d) + 50 FROM knn))`, inArea, place, ...filters, ...after])}
   ORDER BY d, sp.id LIMIT ${limit} + 1
)`;
  // programs that reach the caller without a visit, first page only: by mail, or a service area over the origin with no stop in the area
  const reaching = afterRaw
    ? ''
    : `,
reach AS MATERIALIZED (
  SELECT sp.id, sp.service_id, sp.location_id, sp.organization_id, NULL::float8 AS d,
         CASE sp.location_type WHEN 'virtual' THEN 'by_mail' ELSE 'mobile' END AS reach, sp.service_area_m2
    FROM search_projection sp
   WHERE ${and([
     `sp.service_area IS NOT NULL AND ST_Intersects(sp.service_area, ${origin})`,
     `(sp.location_type = 'virtual' OR sp.public_point IS NULL OR NOT ${inArea})`,
     ...filters,
   ])}
   ORDER BY sp.service_area_m2, sp.id LIMIT ${limit}
)`;
  const now_ = bind(now.toISOString(), 'timestamptz');

  const phoneList = (where: string) => `ARRAY(SELECT json_build_object('id', ph.id, 'number', ph.number, 'original_text', ph.original_text,
           'extension', ph.extension, 'type', ph.type, 'description', ph.description,
           'languages', array_to_json(ARRAY(SELECT pl.code FROM language pl WHERE pl.phone_id = ph.id ORDER BY pl.code)))
         FROM phone ph WHERE ${where} ORDER BY ph.sort_order, ph.number, ph.id)`;
  const schedules = (where: string) => `(SELECT COALESCE(json_agg(json_build_object('id', sc.id, 'freq', sc.freq, 'byday', sc.byday,
             'opens_at', to_char(sc.opens_at, 'HH24:MI'), 'closes_at', to_char(sc.closes_at, 'HH24:MI'), 'timezone', sc.timezone,
             'valid_from', sc.valid_from::text, 'valid_to', sc.valid_to::text, 'notes', sc.notes)
           ORDER BY array_position('{MO,TU,WE,TH,FR,SA,SU}'::text[], sc.byday[1]), sc.opens_at, sc.id), '[]') AS doc,
           count(*) AS n,
           bool_or(schedule_is_open(sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.valid_from, sc.valid_to, ${now_})) AS open,
           min(schedule_next_opening(sc.byday, sc.opens_at, sc.timezone, sc.valid_from, sc.valid_to, ${now_})) AS next
      FROM schedule sc WHERE ${where})`;
  const terms = (where: string) => `(SELECT COALESCE(json_agg(json_build_object('code', t.code, 'name', t.name) ORDER BY t.code), '[]') AS doc,
           array_agg(t.code) AS codes
      FROM attribute a JOIN taxonomy_term t ON t.code = a.taxonomy_term_code WHERE ${where})`;
  const source = (ds: string) =>
    `CASE WHEN ${ds}.id IS NULL THEN NULL ELSE json_build_object('id', ${ds}.id, 'name', ${ds}.name, 'licence', ${ds}.licence, 'attribution', ${ds}.attribution) END`;
  const stamp = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const hidden = `l.address_visibility = 'approximate'`;
  const fields = [
    'id',
    'open_now',
    'next_opens_at',
    'assured_date',
    'languages',
    'access',
    'schedules',
    'phones',
    'service',
    'location',
    'organization',
    'reach',
  ]
    .map((k) => `'${k}', x.${k}`)
    .join(', ');

  const sql = `WITH ${hits}${reaching},
page AS (
  SELECT h.id, h.service_id, h.location_id, h.organization_id, h.d, h.reach, false AS reaching, row_number() OVER (ORDER BY h.d, h.id) AS n FROM hits h
  ${afterRaw ? '' : 'UNION ALL SELECT r.id, r.service_id, r.location_id, r.organization_id, r.d, r.reach, true, row_number() OVER (ORDER BY r.service_area_m2, r.id) FROM reach r'}
),
-- the document of each record once per page, however many listings share it (at 1M, a page of 20 without
-- filters holds ~12 locations and organizations)
shown AS (SELECT * FROM page p WHERE p.reaching OR p.n <= ${limit}),
svc AS MATERIALIZED (
  SELECT s.id, s.assured_date, slg.codes AS languages, sat.codes AS terms, sph.a AS phones,
         json_build_object('id', s.id, 'organization_id', s.organization_id, 'name', s.name, 'description', s.description,
            'url', s.url, 'email', s.email, 'status', s.status, 'eligibility_description', s.eligibility_description,
            'fees_description', s.fees_description, 'alert', s.alert, 'assured_date', s.assured_date::text, 'version', s.version,
            'last_modified', ${stamp('s.last_modified')}, 'source', ${source('sds')},
            'languages', array_to_json(slg.codes), 'attributes', sat.doc, 'phones', array_to_json(sph.a)) AS doc
    FROM (SELECT DISTINCT service_id FROM shown) u
    JOIN service s ON s.id = u.service_id
    LEFT JOIN data_source sds ON sds.id = s.source_id
    -- OFFSET 0 keeps each lateral a subquery evaluated once per row (pulled up, every reference to its column would re-run it)
    CROSS JOIN LATERAL (SELECT ARRAY(SELECT lg.code FROM language lg WHERE lg.service_id = s.id ORDER BY lg.code) AS codes OFFSET 0) slg
    CROSS JOIN LATERAL ${terms('a.service_id = s.id')} sat
    CROSS JOIN LATERAL (SELECT ${phoneList('ph.service_id = s.id')} AS a OFFSET 0) sph
),
loc AS MATERIALIZED (
  SELECT l.id, llg.codes AS languages, lat.codes AS terms, lph.a AS phones, lsc.doc AS schedules, lsc.n, lsc.open, lsc.next,
         json_build_object('id', l.id, 'organization_id', l.organization_id, 'location_type', l.location_type,
            'name', l.name, 'description', l.description, 'geometry', ST_AsGeoJSON(l.public_point, 6)::json,
            'address_visibility', l.address_visibility, 'service_area', ST_AsGeoJSON(l.service_area, 5)::json,
            'service_area_description', l.service_area_description, 'accessibility', l.accessibility, 'transportation', l.transportation,
            'hours_description', l.hours_description, 'coordinates_approximate', l.coordinates_approximate, 'version', l.version,
            'last_modified', ${stamp('l.last_modified')}, 'source', ${source('lds')},
            'languages', array_to_json(llg.codes), 'attributes', lat.doc, 'phones', array_to_json(lph.a), 'schedules', lsc.doc,
            'location_precision_m', CASE WHEN ${hidden} AND l.public_point IS NOT NULL THEN 1600 END,
            'address', CASE WHEN num_nonnulls(CASE WHEN ${hidden} THEN NULL ELSE l.address_1 END, l.city, l.state_province, l.postal_code) > 0
               THEN json_build_object('address_1', CASE WHEN ${hidden} THEN NULL ELSE l.address_1 END,
                                      'address_2', CASE WHEN ${hidden} THEN NULL ELSE l.address_2 END, 'city', l.city,
                                      'state_province', l.state_province, 'postal_code', l.postal_code, 'country', l.country) END) AS doc
    FROM (SELECT DISTINCT location_id FROM shown) u
    JOIN location l ON l.id = u.location_id
    LEFT JOIN data_source lds ON lds.id = l.source_id
    CROSS JOIN LATERAL (SELECT ARRAY(SELECT lg.code FROM language lg WHERE lg.location_id = l.id ORDER BY lg.code) AS codes OFFSET 0) llg
    CROSS JOIN LATERAL ${terms('a.location_id = l.id')} lat
    CROSS JOIN LATERAL (SELECT ${phoneList('ph.location_id = l.id')} AS a OFFSET 0) lph
    CROSS JOIN LATERAL ${schedules('sc.location_id = l.id')} lsc
),
org AS MATERIALIZED (
  SELECT o.id, oph.a AS phones,
         json_build_object('id', o.id, 'name', o.name, 'description', o.description, 'website', o.website,
            'email', o.email, 'version', o.version, 'last_modified', ${stamp('o.last_modified')}, 'source', ${source('ods')},
            'attributes', oat.doc, 'phones', array_to_json(oph.a)) AS doc
    FROM (SELECT DISTINCT organization_id FROM shown) u
    JOIN organization o ON o.id = u.organization_id
    LEFT JOIN data_source ods ON ods.id = o.source_id
    CROSS JOIN LATERAL ${terms('a.organization_id = o.id')} oat
    CROSS JOIN LATERAL (SELECT ${phoneList('ph.organization_id = o.id')} AS a OFFSET 0) oph
),
listed AS (
  SELECT p.reaching, p.n, p.id, p.reach, p.d,
         CASE WHEN hrs.n > 0 THEN COALESCE(hrs.open, false) END AS open_now,
         CASE WHEN hrs.n > 0 AND NOT COALESCE(hrs.open, false) THEN to_char(hrs.next AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS next_opens_at,
         sv.assured_date::text AS assured_date,
         (SELECT COALESCE(json_agg(c ORDER BY c COLLATE "C"), '[]') FROM (SELECT unnest(sv.languages) UNION SELECT unnest(lc.languages)) u(c)) AS languages,
         (SELECT COALESCE(json_agg(json_build_object('code', t.code, 'name', t.name) ORDER BY t.code COLLATE "C"), '[]')
            FROM taxonomy_term t
           WHERE t.code = ANY(COALESCE(sv.terms, '{}') || COALESCE(lc.terms, '{}'))
             AND (t.code LIKE 'access.%' OR t.code LIKE 'transport.%')) AS access,
         hrs.doc AS schedules,
         CASE WHEN cardinality(aph.a) + cardinality(sv.phones) + cardinality(lc.phones) > 0
              THEN array_to_json(aph.a || sv.phones || lc.phones) ELSE array_to_json(og.phones) END AS phones,
         sv.doc AS service, lc.doc AS location, og.doc AS organization
    FROM shown p
    JOIN svc sv ON sv.id = p.service_id
    JOIN loc lc ON lc.id = p.location_id
    JOIN org og ON og.id = p.organization_id
    CROSS JOIN LATERAL (SELECT ${phoneList('ph.service_at_location_id = p.id')} AS a OFFSET 0) aph
    CROSS JOIN LATERAL ${schedules('sc.service_at_location_id = p.id')} asc_
    -- its own hours at this location win over those of the location
    CROSS JOIN LATERAL (SELECT CASE WHEN asc_.n > 0 THEN asc_.doc ELSE lc.schedules END AS doc,
                               CASE WHEN asc_.n > 0 THEN asc_.n ELSE lc.n END AS n,
                               CASE WHEN asc_.n > 0 THEN asc_.open ELSE lc.open END AS open,
                               CASE WHEN asc_.n > 0 THEN asc_.next ELSE lc.next END AS next) hrs
),
out AS (
  SELECT x.reaching, x.n,
         CASE WHEN x.reaching
              THEN json_build_object(${fields})
              ELSE json_build_object(${fields}, 'distance_m', floor(x.d * 10 + 0.5) / 10) END AS listing
    FROM listed x
)
SELECT json_build_object(
         'data', COALESCE((SELECT json_agg(x.listing ORDER BY x.n) FROM out x WHERE NOT x.reaching), '[]'),
         'reaching', COALESCE((SELECT json_agg(x.listing ORDER BY x.n) FROM out x WHERE x.reaching), '[]'),
         'page', json_build_object('limit', ${limit},
           'next_cursor', (SELECT p.d::text || ',' || p.id FROM page p WHERE NOT p.reaching AND p.n = ${limit} AND (SELECT count(*) FROM hits) > ${limit}),
           'origin', json_build_object('latitude', ${bind(lat, 'float8')}, 'longitude', ${bind(lng, 'float8')}, 'source', ${bind(originSource, 'text')},
                                       'precision_m', ${bind(precision, 'int')}, 'label', ${bind(label, 'text')})))::text AS body`;
  return {
    name: `floor_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`,
    text: sql,
    values,
    shape: `${seeded ? 'seed' : 'walk'}/${box ? 'bbox' : 'radius'}`,
  };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('set DATABASE_URL');
  const port = Number(process.env.PORT ?? 3902);
  const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);
  const pool = new Pool({ connectionString: url, max: poolSize, options: FLOOR_PG_OPTIONS, idleTimeoutMillis: 0, application_name: FLOOR_APPLICATION_NAME });
  const warm = `SELECT ST_Distance('SRID=4326;POINT(-96.8 32.8)'::geography, 'SRID=4326;POINT(-96.7 32.7)'::geography)`;
  await Promise.all(Array.from({ length: poolSize }, () => pool.query(warm)));
  const ctx = await loadFloorContext(pool);

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/v1/search') {
      let st: FloorStatement;
      try {
        st = floorStatement(u.searchParams, ctx, new Date());
      } catch (error) {
        send(res, 400, JSON.stringify({ error: (error as Error).message }));
        return;
      }
      pool.query<{ body: string }>({ name: st.name, text: st.text, values: st.values }).then(
        (r) => send(res, 200, r.rows[0].body),
        (error: Error) => send(res, 500, JSON.stringify({ error: error.message })),
      );
    } else if (u.pathname === '/health/ready' || u.pathname === '/health/live') {
      send(res, 200, '{"status":"ok"}');
    } else {
      send(res, 404, '{"error":"not found"}');
    }
  });
  server.listen(port, process.env.HOST ?? '127.0.0.1', () => console.log(`floor ready on ${port} (pool ${poolSize}, options ${FLOOR_PG_OPTIONS})`));
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
