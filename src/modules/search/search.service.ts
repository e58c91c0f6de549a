import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConcurrencyLimit } from '../../common/concurrency-limit';
import { encodeCursor } from '../../common/pagination/cursor';
import { LocationsService } from '../locations/locations.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { ServicesService } from '../services/services.service';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TermMatcher } from '../taxonomy/term-matcher';
import { KnownCodes, parseSearch, SearchParams } from './search-params';
import { chooseSeed, CodeRowEstimates } from './search-seed';
import { ReachingResult, SearchPage } from './search-result.model';

/** A listing before it is placed in data (with its distance) or reaching. */
type Listing = Omit<ReachingResult, 'reach'>;
import { SearchQuery } from './search.query';
import { SearchHit, SearchRepository } from './search.repository';

/** Known codes, term names and code statistics are re-read this often (new terms, a fresh ANALYZE). */
const CODES_TTL_MS = 60_000;

/** Admission for searches: as many at once as there are database connections (search.module.ts). */
export const SEARCH_SLOTS = Symbol('SEARCH_SLOTS');

interface Codes {
  known: KnownCodes;
  estimates: CodeRowEstimates;
  loadedAt: number;
}

@Injectable()
export class SearchService {
  private codes: Codes | null = null;
  private loading: Promise<Codes> | null = null;

  constructor(
    private readonly search: SearchRepository,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly organizations: OrganizationsService,
    private readonly details: RecordDetailsRepository,
    private readonly taxonomy: TaxonomyRepository,
    @Optional() @Inject(SEARCH_SLOTS) private readonly slots?: ConcurrencyLimit,
  ) {}

  async run(query: SearchQuery, now = new Date()): Promise<SearchPage> {
    const params = parseSearch(query, (await this.loadCodes()).known, now);
    return this.slots ? this.slots.run(() => this.runParsed(params, now)) : this.runParsed(params, now);
  }

  /** The search itself, for already-validated parameters (also the benchmark's bare baseline). */
  async runParsed(params: SearchParams, now = new Date()): Promise<SearchPage> {
    const seed = chooseSeed(params, (await this.loadCodes()).estimates);
    const hits = await this.search.search(params, seed);
    const places = hits.filter((h) => !h.reaching).sort((a, b) => a.distance_m - b.distance_m || (a.id < b.id ? -1 : 1));
    const page = places.slice(0, params.limit);
    const reaching = hits.filter((h) => h.reaching);
    const last = page[page.length - 1];
    const listings = await this.assemble([...page, ...reaching], params, now);
    const { origin } = params.area;
    return {
      data: listings.slice(0, page.length).map((listing, i) => ({
        ...listing,
        reach: page[i].reach,
        distance_m: Math.round(page[i].distance_m * 10) / 10,
      })),
      reaching: listings.slice(page.length).map((listing, i) => ({ ...listing, reach: reaching[i].reach })),
      page: {
        limit: params.limit,
        next_cursor: places.length > params.limit && last ? encodeCursor([last.distance_m, last.id], params.cursorBinding) : null,
        origin: {
          latitude: origin.latitude,
          longitude: origin.longitude,
          source: origin.source,
          precision_m: Math.round(origin.precisionM),
          label: origin.label,
        },
      },
    };
  }

  /** A fixed number of batched queries per page, whatever its size. */
  private async assemble(hits: SearchHit[], params: SearchParams, now: Date): Promise<Listing[]> {
    const ids = hits.map((h) => h.id);
    const unique = (values: string[]) => [...new Set(values)];
    const [services, locations, status, own] = await Promise.all([
      this.services.findByIds(unique(hits.map((h) => h.service_id))),
      this.locations.findByIds(unique(hits.map((h) => h.location_id))),
      this.search.openingStatus(ids, params.openAt ?? now),
      this.details.lists('service_at_location_id', ids, ['schedules', 'phones']),
    ]);
    const organizations = await this.organizations.findByIds(unique(services.map((s) => s.organization_id)));
    const serviceById = new Map(services.map((s) => [s.id, s]));
    const locationById = new Map(locations.map((l) => [l.id, l]));
    const organizationById = new Map(organizations.map((o) => [o.id, o]));
    const statusById = new Map(status.map((s) => [s.id, s]));

    return hits.map((hit) => {
      const service = serviceById.get(hit.service_id)!;
      const location = locationById.get(hit.location_id)!;
      const opening = statusById.get(hit.id);
      const { schedules: ownSchedules, phones: ownPhones } = own(hit.id);
      const terms = [...service.attributes, ...location.attributes].filter((t) => t.code.startsWith('access.') || t.code.startsWith('transport.'));
      const organization = organizationById.get(service.organization_id)!;
      const phones = [...ownPhones, ...service.phones, ...location.phones];
      return {
        id: hit.id,
        open_now: opening?.has_hours ? opening.open_now : null,
        next_opens_at: opening?.has_hours && !opening.open_now ? opening.next_opens_at : null,
        assured_date: service.assured_date,
        languages: [...new Set([...service.languages, ...location.languages])].sort(),
        access: [...new Map(terms.map((t) => [t.code, t])).values()].sort((a, b) => a.code.localeCompare(b.code)),
        schedules: ownSchedules.length ? ownSchedules : location.schedules,
        // the organization's main number when the listing has none of its own (imports often carry only that)
        phones: phones.length ? phones : organization.phones,
        service,
        location,
        organization,
      };
    });
  }

  /** Cached; concurrent requests share one reload. */
  async loadCodes(): Promise<Codes> {
    if (this.codes && Date.now() - this.codes.loadedAt <= CODES_TTL_MS) return this.codes;
    this.loading ??= Promise.all([this.search.knownCodes(), this.search.codeStats(), this.taxonomy.matcherTerms(), this.search.languageCrosswalk()])
      .then(([{ taxonomy, languages }, stats, terms, languageCrosswalk]) => {
        const matcher = TermMatcher.from(terms);
        this.codes = {
          known: {
            taxonomy: new Set(taxonomy),
            languages: new Set(languages),
            languageCrosswalk,
            termsNamedBy: (q) => matcher.codesFor(q),
          },
          estimates: CodeRowEstimates.fromStats(stats),
          loadedAt: Date.now(),
        };
        return this.codes;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }
}
