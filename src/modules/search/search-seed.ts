import { SearchParams } from './search-params';

/**
 * Rare filters: where the search starts.
 *
 * The default plan walks locations nearest-first and tests the filters on
 * each one, which stops early when matches are common. When a filter is rare
 * (methadone and American Sign Language: a few thousand rows nationally), a
 * dense metro holds thousands of locations within the radius and none or few
 * match, so that walk tests every one of them (1.3 s at 1M locations).
 * Then it is far cheaper to start from the rare code's own rows (an index
 * lookup), take their locations and measure only those.
 *
 * Both plans return exactly the same rows in the same order; the choice only
 * changes the work. It is made from the planner's own statistics (pg_stats,
 * kept by ANALYZE/autovacuum), read once a minute, so it costs no query:
 * - the walk visits about (limit + 1) / f locations, f being the share of
 *   locations that match every filter (filters taken as independent), and
 *   never more than there are locations;
 * - the seed visits the rarest filter's rows, times the locations a service
 *   is offered at when the rows belong to services.
 * The seed is taken when it visits fewer. Without statistics (a database
 * never analyzed), the walk is kept.
 */

/** The rows a search can start from: one filter's codes in one table. */
export interface SearchSeed {
  table: 'attribute' | 'language';
  codes: string[];
  /** Which owners of those rows count: a service's (through its links) and/or a location's. */
  owners: Array<'service' | 'location'>;
  /** Estimated locations it visits. */
  estimatedVisits: number;
}

/** One row of pg_stats for attribute.taxonomy_term_code or language.code. */
export interface CodeStatsRow {
  table: 'attribute' | 'language';
  reltuples: number;
  /** Estimated rows of the location table. */
  locations: number;
  /** Estimated service_at_location rows per service. */
  links_per_service: number;
  null_frac: number;
  n_distinct: number;
  mcv: string[] | null;
  mcf: number[] | null;
}

/** Estimated national row counts per code, as the planner would estimate `code = '<c>'`. */
export class CodeRowEstimates {
  private constructor(
    private readonly tables: Map<string, (code: string) => number>,
    /** Estimated locations (0: unknown). */
    readonly locations: number,
    readonly linksPerService: number,
  ) {}

  static fromStats(rows: CodeStatsRow[]): CodeRowEstimates {
    const tables = new Map<string, (code: string) => number>();
    for (const row of rows) {
      const total = Math.max(0, row.reltuples);
      const mcv = new Map((row.mcv ?? []).map((code, i) => [code, (row.mcf ?? [])[i] ?? 0]));
      const distinct = row.n_distinct < 0 ? -row.n_distinct * total : row.n_distinct;
      const restFraction = Math.max(0, 1 - row.null_frac - [...mcv.values()].reduce((a, b) => a + b, 0));
      const perOtherCode = restFraction / Math.max(1, distinct - mcv.size);
      tables.set(row.table, (code) => Math.round(total * (mcv.get(code) ?? perOtherCode)));
    }
    return new CodeRowEstimates(tables, Math.max(0, ...rows.map((r) => r.locations)), Math.max(1, ...rows.map((r) => r.links_per_service)));
  }

  static none(): CodeRowEstimates {
    return new CodeRowEstimates(new Map(), 0, 1);
  }

  /** Rows holding any of `codes`; undefined when the table has no statistics yet. */
  rows(table: SearchSeed['table'], codes: string[]): number | undefined {
    const estimate = this.tables.get(table);
    return estimate ? codes.reduce((sum, code) => sum + estimate(code), 0) : undefined;
  }
}

/** Where to start: the rarest code filter, if visiting its rows is cheaper than walking nearest-first. */
export function chooseSeed(p: SearchParams, estimates: CodeRowEstimates): SearchSeed | null {
  const filters: Array<Omit<SearchSeed, 'estimatedVisits'>> = [];
  for (const codes of p.services) filters.push({ table: 'attribute', codes, owners: ['service'] });
  for (const codes of [...p.transport, ...p.access, ...p.populations]) {
    filters.push({ table: 'attribute', codes, owners: ['service', 'location'] });
  }
  for (const codes of p.languages) filters.push({ table: 'language', codes, owners: ['service', 'location'] });

  const locations = estimates.locations;
  if (!filters.length || locations <= 0) return null;
  let rarest: SearchSeed | null = null;
  let matchingShare = 1;
  for (const filter of filters) {
    const rows = estimates.rows(filter.table, filter.codes);
    if (rows === undefined) return null;
    matchingShare *= Math.min(1, rows / locations);
    const estimatedVisits = filter.owners.includes('service') ? rows * estimates.linksPerService : rows;
    if (!rarest || estimatedVisits < rarest.estimatedVisits) rarest = { ...filter, estimatedVisits };
  }
  const walkVisits = matchingShare > 0 ? Math.min(locations, (p.limit + 1) / matchingShare) : locations;
  return rarest && rarest.estimatedVisits < walkVisits ? rarest : null;
}
