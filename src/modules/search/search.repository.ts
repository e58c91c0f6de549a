import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { loadLanguageCrosswalk } from '../../common/languages/language-crosswalk.repository';
import { SearchParams } from './search-params';
import { SearchSeed, TagStatsRow } from './search-seed';
import { searchStatementDuration } from '../metrics/metrics';
import { buildSearchPageSql } from './search-page.sql';
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

export interface SearchPageRow {
  /** `{"data": [...], "reaching": [...]}`, as PostgreSQL wrote it. */
  body: string;
  /** Keyset of the page's last place when more follow, else null. */
  after_distance_m: number;
  after_id: string | null;
}

@Injectable()
export class SearchRepository {
  /** Reads from a streaming replica when there are any (read-database.ts), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  /** One round trip for the whole page: limit + 1 places (to know if there is more) and the reaching programs. */
  search(params: SearchParams, seed: SearchSeed | null = null): Promise<SearchHit[]> {
    const { sql, params: values } = buildSearchSql(params, seed);
    return this.run<SearchHit[]>(sql, values, seed);
  }

  /** The whole page in one statement (search-page.sql.ts): its JSON as text and the keyset after it. */
  async page(params: SearchParams, seed: SearchSeed | null, at: Date): Promise<SearchPageRow> {
    const { sql, params: values } = buildSearchPageSql(params, seed, at);
    const [row] = await this.run<SearchPageRow[]>(sql, values, seed);
    return row;
  }

  /**
   * The app's connections run with bitmap scans off (data-source-options.ts: a bitmap scan of a dense
   * metro, then a sort, is 4x slower than the nearest-first GiST walk). A GIN index has no other access
   * path, so a statement that starts from the GIN seed gets them back for its own transaction: at 1M
   * locations methadone + ASL took 1.96 s without (a scan of the whole projection), 15 ms with.
   * SET LOCAL, not a connection option, so it also holds behind a transaction-mode pooler.
   */
  private async run<T>(sql: string, values: unknown[], seed: SearchSeed | null): Promise<T> {
    const timer = searchStatementDuration.startTimer({ plan: seed ? 'seed' : 'walk' });
    try {
      if (!seed) return await this.db.query<T>(sql, values);
      return await this.db.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_bitmapscan = on');
        return manager.query<T>(sql, values);
      });
    } finally {
      timer();
    }
  }

  /**
   * The planner's statistics of the projection's tags (no row before the first ANALYZE): how many rows
   * hold each code, to find rare filter combinations (search-seed.ts).
   */
  async tagStats(): Promise<TagStatsRow | undefined> {
    const [row] = await this.db.query<TagStatsRow[]>(
      `SELECT greatest(c.reltuples, 0)::float8 AS reltuples,
              st.most_common_elems::text::text[] AS elems, st.most_common_elem_freqs::float8[] AS freqs
         FROM pg_class c
         LEFT JOIN pg_stats st ON st.schemaname = current_schema() AND st.tablename = 'search_projection' AND st.attname = 'tags'
        WHERE c.relname = 'search_projection' AND c.relnamespace = current_schema()::regnamespace`,
    );
    return row;
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
