import { SearchParams } from './search-params';

/**
 * Rare filters: where the search starts.
 *
 * The default plan walks the projection nearest-first and tests the tag
 * filters on each row, which stops early when matches are common. When the
 * combination is rare (methadone and American Sign Language: a few hundred
 * rows nationally), a dense metro holds thousands of rows within the radius
 * and none or few match, so the walk reads every one of them. Then it is far
 * cheaper to start from the GIN index on `tags`, which intersects the codes'
 * posting lists before any row is read, and measure only those rows.
 *
 * Both plans return exactly the same rows in the same order; the choice only
 * changes the work. It is made from PostgreSQL's own statistics of the
 * `tags` array (pg_stats.most_common_elems, kept by ANALYZE/autovacuum), read
 * once a minute, so it costs no query:
 * - a filter group (codes OR'ed) matches the share of rows holding any of its
 *   codes: the sum of their element frequencies, a code missing from the
 *   list counting as the planner counts it (half the least frequent listed);
 * - groups are taken as independent: every filter matches the product;
 * - the walk reads about (limit + 1) / that share rows, never more than the
 *   table has;
 * - the seed reads the rows matching everything, plus the posting lists of
 *   every code (compressed item pointers: POSTING_ENTRY_COST of a row each).
 * The seed is taken when it reads less. Without statistics (a table never
 * analyzed), the walk is kept.
 */

/** A plan that starts from the GIN index on the projection's tags (search.sql.ts). */
export interface SearchSeed {
  /** Estimated rows it reads (posting entries weighted), against the walk's. */
  estimatedVisits: number;
  walkVisits: number;
}

/** pg_stats of search_projection.tags, and the table's size. */
export interface TagStatsRow {
  /** Estimated rows of search_projection (0: never analyzed). */
  reltuples: number;
  /** most_common_elems, as text. */
  elems: string[] | null;
  /** most_common_elem_freqs: one per element, then the minimum, the maximum and the null frequency. */
  freqs: number[] | null;
}

/** One posting-list entry of a GIN index read costs about this share of reading a row (measured at 1M: bench/EXPLAIN.md). */
const POSTING_ENTRY_COST = 0.02;
/** PostgreSQL's own default when an element is not in the list and there is no list (DEFAULT_CONTAIN_SEL). */
const DEFAULT_CONTAIN_SEL = 0.005;

/** The share of projection rows holding a code, as the planner estimates `tags @> ARRAY[code]`. */
export class TagEstimates {
  private constructor(
    private readonly frequency: Map<string, number>,
    private readonly unlisted: number,
    /** Estimated rows of the projection (0: unknown). */
    readonly rows: number,
  ) {}

  static fromStats(row: TagStatsRow | undefined): TagEstimates {
    if (!row || row.reltuples <= 0 || !row.elems || !row.freqs) return TagEstimates.none();
    const frequency = new Map(row.elems.map((code, i) => [code, row.freqs![i]]));
    const minimum = row.freqs[row.elems.length];
    return new TagEstimates(frequency, Math.min(DEFAULT_CONTAIN_SEL, (minimum ?? DEFAULT_CONTAIN_SEL * 2) / 2), row.reltuples);
  }

  static none(): TagEstimates {
    return new TagEstimates(new Map(), 0, 0);
  }

  /** Share of rows holding any of `codes` (capped at 1). */
  share(codes: string[]): number {
    return Math.min(
      1,
      codes.reduce((sum, code) => sum + (this.frequency.get(code) ?? this.unlisted), 0),
    );
  }
}

/** The tag filters of a search, one group per filter (OR within, AND across), as the projection spells them. */
export function tagGroups(p: SearchParams): string[][] {
  return [...p.services, ...p.transport, ...p.access, ...p.populations, ...p.principles, ...p.languages.map((group) => group.map((code) => `lang:${code}`))];
}

/** Start from the GIN index when it reads fewer rows than walking nearest-first. */
export function chooseSeed(p: SearchParams, estimates: TagEstimates): SearchSeed | null {
  const groups = tagGroups(p);
  if (!groups.length || estimates.rows <= 0) return null;
  const shares = groups.map((codes) => estimates.share(codes));
  const matching = shares.reduce((a, b) => a * b, 1);
  const walkVisits = matching > 0 ? Math.min(estimates.rows, (p.limit + 1) / matching) : estimates.rows;
  const postings = shares.reduce((sum, share) => sum + share * estimates.rows, 0);
  const estimatedVisits = estimates.rows * matching + POSTING_ENTRY_COST * postings;
  return estimatedVisits < walkVisits ? { estimatedVisits: Math.round(estimatedVisits), walkVisits: Math.round(walkVisits) } : null;
}
