import { DETAIL_LIST_SQL, PHONE_JSON } from '../records/record-details.repository';
import { SearchParams } from './search-params';
import { SearchSeed } from './search-seed';
import { buildSearchSql } from './search.sql';

/**
 * The whole search page in one statement: the hits of buildSearchSql, cut to
 * the page, each turned into its listing JSON (opening status, languages,
 * access, hours, phones and the service, location and organization
 * documents) and aggregated into `{"data": [...], "reaching": [...]}` as
 * text, which REST sends as it is. One round trip, no objects built in Node.
 * The records come precomputed (record-documents.schema.ts), joined by key:
 * only what depends on the moment (opening status) or on the link itself
 * (its own hours and phones) is computed here.
 *
 * Row: `body` (text), and `after_distance_m` / `after_id`, the keyset of the
 * last place on the page when there are more (Node signs it into
 * page.next_cursor, the only part of a page the database cannot sign).
 *
 * Listing rules, as the API documents them: a service's own hours at the
 * location win over the location's; its phones are its own, then the
 * service's, then the location's, or else the organization's main number;
 * `languages` is the union of the service's and the location's; `access`
 * the access and transport terms of both. Places are ordered by (distance,
 * id), the distance rounded to 0.1 m; the reaching list smallest service
 * area first.
 */
export function buildSearchPageSql(p: SearchParams, seed: SearchSeed | null, at: Date): { sql: string; params: unknown[] } {
  const { sql: hitsSql, params } = buildSearchSql(p, seed);
  const bind = (value: unknown, cast: string): string => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  const limit = bind(p.limit, '::int');
  const now = bind(at.toISOString(), '::timestamptz');

  const listingFields = `'id', r.id, 'open_now', CASE WHEN st.has_hours THEN st.open_now END,
           'next_opens_at', CASE WHEN st.has_hours AND NOT st.open_now THEN st.next_opens_at END,
           'assured_date', r.assured_date::text, 'languages', x.languages, 'access', x.access, 'schedules', x.schedules,
           'phones', x.phones, 'service', sd.doc, 'location', ld.doc, 'organization', od.doc, 'reach', r.reach`;

  const sql = `
WITH hits AS MATERIALIZED (${hitsSql}
),
ranked AS (
  SELECT h.*, sp.organization_id, sp.assured_date, row_number() OVER (PARTITION BY h.reaching ORDER BY CASE WHEN h.reaching THEN sp.service_area_m2 END, h.distance_m, h.id) AS n
    FROM hits h JOIN search_projection sp ON sp.id = h.id
),
listed AS (
  SELECT r.reaching, r.n,
         CASE WHEN r.reaching THEN json_build_object(${listingFields})
              ELSE json_build_object(${listingFields}, 'distance_m', floor(r.distance_m * 10 + 0.5) / 10) END AS listing
    FROM ranked r
    -- open now / next opening in each schedule's own time zone: its own hours, else its location's
    CROSS JOIN LATERAL (
      SELECT count(sc.byday) > 0 AS has_hours,
             COALESCE(bool_or(schedule_is_open(sc.byday, sc.opens_at, sc.closes_at, sc.timezone, sc.valid_from, sc.valid_to, ${now})), false) AS open_now,
             to_char(min(schedule_next_opening(sc.byday, sc.opens_at, sc.timezone, sc.valid_from, sc.valid_to, ${now})) AT TIME ZONE 'UTC',
                     'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_opens_at
        FROM (SELECT own.byday, own.opens_at, own.closes_at, own.timezone, own.valid_from, own.valid_to
                FROM schedule own WHERE own.service_at_location_id = r.id
              UNION ALL
              SELECT site.byday, site.opens_at, site.closes_at, site.timezone, site.valid_from, site.valid_to
                FROM schedule site
               WHERE site.location_id = r.location_id
                 AND NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = r.id)) sc
    ) st
    LEFT JOIN service_document sd ON sd.id = r.service_id
    LEFT JOIN location_document ld ON ld.id = r.location_id
    LEFT JOIN organization_document od ON od.id = r.organization_id
    CROSS JOIN LATERAL (
      SELECT (SELECT COALESCE(json_agg(c ORDER BY c COLLATE "C"), '[]')
                FROM (SELECT unnest(sd.language_codes) UNION SELECT unnest(ld.language_codes)) u(c)) AS languages,
             CASE WHEN ld.access::text = '[]' THEN sd.access
                  WHEN sd.access::text = '[]' THEN ld.access
                  ELSE (SELECT json_agg(e ORDER BY e->>'code' COLLATE "C")
                          FROM (SELECT DISTINCT ON (e->>'code') e
                                  FROM (SELECT json_array_elements(sd.access) UNION ALL SELECT json_array_elements(ld.access)) t(e)
                                 ORDER BY e->>'code') u) END AS access,
             CASE WHEN EXISTS (SELECT 1 FROM schedule WHERE service_at_location_id = r.id)
                  THEN ${DETAIL_LIST_SQL.schedules('service_at_location_id', 'r.id')}
                  ELSE ld.schedules END AS schedules,
             COALESCE((SELECT json_agg(ph.doc ORDER BY ph.rank, ph.n)
                         FROM (SELECT 1 AS rank, row_number() OVER (ORDER BY p.sort_order, p.number, p.id) AS n, ${PHONE_JSON} AS doc
                                 FROM phone p WHERE p.service_at_location_id = r.id
                               UNION ALL SELECT 2, e.n, e.doc FROM json_array_elements(sd.phones) WITH ORDINALITY e(doc, n)
                               UNION ALL SELECT 3, e.n, e.doc FROM json_array_elements(ld.phones) WITH ORDINALITY e(doc, n)) ph),
                      od.phones) AS phones
    ) x
   WHERE r.reaching OR r.n <= ${limit}
)
SELECT json_build_object(
         'data', COALESCE((SELECT json_agg(listing ORDER BY n) FROM listed WHERE NOT reaching), '[]'),
         'reaching', COALESCE((SELECT json_agg(listing ORDER BY n) FROM listed WHERE reaching), '[]')
       )::text AS body,
       last.distance_m AS after_distance_m, last.id AS after_id
  FROM (SELECT 1) one
  LEFT JOIN ranked last ON NOT last.reaching AND last.n = ${limit}
                       AND EXISTS (SELECT 1 FROM ranked more WHERE NOT more.reaching AND more.n > ${limit})`;
  return { sql, params };
}
