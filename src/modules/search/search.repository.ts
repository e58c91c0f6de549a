import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadLanguageCrosswalk } from '../../common/languages/language-crosswalk.repository';
import { SearchParams } from './search-params';
import { CodeStatsRow, SearchSeed } from './search-seed';
import { buildSearchSql } from './search.sql';

export interface SearchHit {
  id: string;
  service_id: string;
  location_id: string;
  /** Null for a program in the reaching list. */
  distance_m: number;
  reach: 'on_site' | 'mobile' | 'by_mail';
  /** True: reaches the caller without a visit (page.reaching); false: a place (page.data). */
  reaching: boolean;
}

export interface OpeningStatus {
  id: string;
  has_hours: boolean;
  open_now: boolean;
  next_opens_at: string | null;
}

@Injectable()
export class SearchRepository {
  constructor(private readonly db: DataSource) {}

  /** One round trip for the whole page: limit + 1 places (to know if there is more) and the reaching programs. */
  search(params: SearchParams, seed: SearchSeed | null = null): Promise<SearchHit[]> {
    const { sql, params: values } = buildSearchSql(params, seed);
    return this.db.query(sql, values);
  }

  /** Open now / next opening for a page of results, in each schedule's own time zone. */
  openingStatus(ids: string[], at: Date): Promise<OpeningStatus[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT sal.id,
              count(sc.byday) > 0 AS has_hours,
              COALESCE(bool_or(schedule_is_open(sc.byday, sc.opens_at, sc.closes_at, sc.timezone,
                                                sc.valid_from, sc.valid_to, $2::timestamptz)), false) AS open_now,
              to_char(min(schedule_next_opening(sc.byday, sc.opens_at, sc.timezone, sc.valid_from, sc.valid_to,
                                                $2::timestamptz)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS next_opens_at
         FROM service_at_location sal
         -- its own hours, else its location's: two index lookups, never an OR join
         LEFT JOIN LATERAL (
           SELECT own.byday, own.opens_at, own.closes_at, own.timezone, own.valid_from, own.valid_to
             FROM schedule own WHERE own.service_at_location_id = sal.id
           UNION ALL
           SELECT site.byday, site.opens_at, site.closes_at, site.timezone, site.valid_from, site.valid_to
             FROM schedule site
            WHERE site.location_id = sal.location_id
              AND NOT EXISTS (SELECT 1 FROM schedule x WHERE x.service_at_location_id = sal.id)
         ) sc ON true
        WHERE sal.id = ANY($1::uuid[])
        GROUP BY sal.id`,
      [ids, at.toISOString()],
    );
  }

  /**
   * The planner's statistics of the two filter-code columns (empty before the
   * first ANALYZE): how many rows each code has, to find rare filters.
   */
  codeStats(): Promise<CodeStatsRow[]> {
    return this.db.query(
      `SELECT st.tablename AS "table", greatest(c.reltuples, 0)::float8 AS reltuples,
              (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'location'::regclass) AS locations,
              (SELECT greatest(reltuples, 0)::float8 FROM pg_class WHERE oid = 'service_at_location'::regclass)
                / greatest((SELECT reltuples FROM pg_class WHERE oid = 'service'::regclass), 1)::float8 AS links_per_service,
              st.null_frac::float8 AS null_frac, st.n_distinct::float8 AS n_distinct,
              st.most_common_vals::text::text[] AS mcv, st.most_common_freqs::float8[] AS mcf
         FROM pg_stats st
         JOIN pg_class c ON c.relname = st.tablename AND c.relnamespace = to_regnamespace(st.schemaname)
        WHERE st.schemaname = current_schema()
          AND (st.tablename, st.attname) IN (('attribute', 'taxonomy_term_code'), ('language', 'code'))`,
    );
  }

  /** FindTreatment.gov language codes -> ours (iso_language.findtreatment_code). */
  languageCrosswalk(): Promise<Map<string, string>> {
    return loadLanguageCrosswalk(this.db);
  }

  /** Every taxonomy and language code, to reject unknown ones with a 400. */
  async knownCodes(): Promise<{ taxonomy: string[]; languages: string[] }> {
    const [terms, languages] = await Promise.all([
      this.db.query<{ code: string }[]>(`SELECT code FROM taxonomy_term`),
      this.db.query<{ code: string }[]>(`SELECT code FROM iso_language`),
    ]);
    return {
      taxonomy: terms.map((r) => r.code),
      languages: languages.map((r) => r.code),
    };
  }
}
