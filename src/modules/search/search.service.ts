import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConcurrencyLimit } from '../../common/concurrency-limit';
import { encodeCursor } from '../../common/pagination/cursor';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TermMatcher } from '../taxonomy/term-matcher';
import { KnownCodes, parseSearch, SearchParams } from './search-params';
import { chooseSeed, TagEstimates } from './search-seed';
import { SearchPage, SearchPageInfo } from './search-result.model';
import { SearchQuery } from './search.query';
import { SearchRepository } from './search.repository';

/** A search page as the response text PostgreSQL built (plus the page info), and that page info apart. */
export interface SearchPageJson {
  json: string;
  page: SearchPageInfo;
}

/** Known codes, term names and code statistics are re-read this often (new terms, a fresh ANALYZE). */
const CODES_TTL_MS = 60_000;

/** Admission for searches: as many at once as there are database connections (search.module.ts). */
export const SEARCH_SLOTS = Symbol('SEARCH_SLOTS');

interface Codes {
  known: KnownCodes;
  estimates: TagEstimates;
  loadedAt: number;
}

@Injectable()
export class SearchService {
  private codes: Codes | null = null;
  private loading: Promise<Codes> | null = null;

  constructor(
    private readonly search: SearchRepository,
    private readonly taxonomy: TaxonomyRepository,
    @Optional() @Inject(SEARCH_SLOTS) private readonly slots?: ConcurrencyLimit,
  ) {}

  /** A search page as its response text (REST JSON sends it as it is) and its page info (for the Link header). */
  async page(query: SearchQuery, now = new Date()): Promise<SearchPageJson> {
    const params = parseSearch(query, (await this.loadCodes()).known, now);
    return this.slots ? this.slots.run(() => this.runParsed(params, now)) : this.runParsed(params, now);
  }

  /** The same page as objects, for GraphQL, GeoJSON and text (parsed from the same statement's JSON). */
  async run(query: SearchQuery, now = new Date()): Promise<SearchPage> {
    return JSON.parse((await this.page(query, now)).json) as SearchPage;
  }

  /** The search itself, for already-validated parameters: one statement builds the page (search-page.sql.ts). */
  async runParsed(params: SearchParams, now = new Date()): Promise<SearchPageJson> {
    const seed = chooseSeed(params, (await this.loadCodes()).estimates);
    const built = await this.search.page(params, seed, params.openAt ?? now);
    const { origin } = params.area;
    const page: SearchPageInfo = {
      limit: params.limit,
      next_cursor: built.after_id === null ? null : encodeCursor([built.after_distance_m, built.after_id], params.cursorBinding),
      origin: {
        latitude: origin.latitude,
        longitude: origin.longitude,
        source: origin.source,
        precision_m: Math.round(origin.precisionM),
        label: origin.label,
      },
    };
    // `{"data" : [...], "reaching" : [...]}` from PostgreSQL, closed with the page info
    return { json: `${built.body.slice(0, -1)}, "page" : ${JSON.stringify(page)}}`, page };
  }

  /** Cached; concurrent requests share one reload. */
  async loadCodes(): Promise<Codes> {
    if (this.codes && Date.now() - this.codes.loadedAt <= CODES_TTL_MS) return this.codes;
    this.loading ??= Promise.all([this.search.knownCodes(), this.search.tagStats(), this.taxonomy.matcherTerms(), this.search.languageCrosswalk()])
      .then(([{ taxonomy, languages }, stats, terms, languageCrosswalk]) => {
        const matcher = TermMatcher.from(terms);
        this.codes = {
          known: {
            taxonomy: new Set(taxonomy),
            languages: new Set(languages),
            languageCrosswalk,
            termsNamedBy: (q) => matcher.codesFor(q),
          },
          estimates: TagEstimates.fromStats(stats),
          loadedAt: Date.now(),
        };
        return this.codes;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}
