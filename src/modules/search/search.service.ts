import { Injectable } from '@nestjs/common';
import { encodeCursor } from '../../common/pagination/cursor';
import { LocationsService } from '../locations/locations.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { ServicesService } from '../services/services.service';
import { KnownCodes, parseSearch, SearchParams } from './search-params';
import { SearchPage, SearchResult } from './search-result.model';
import { SearchQuery } from './search.query';
import { SearchHit, SearchRepository } from './search.repository';

const KNOWN_CODES_TTL_MS = 60_000;

@Injectable()
export class SearchService {
  private known: { codes: KnownCodes; loadedAt: number } | null = null;

  constructor(
    private readonly search: SearchRepository,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly organizations: OrganizationsService,
    private readonly details: RecordDetailsRepository,
  ) {}

  async run(query: SearchQuery, now = new Date()): Promise<SearchPage> {
    const params = parseSearch(query, await this.knownCodes(), now);
    const hits = await this.search.search(params);
    const page = hits.slice(0, params.limit);
    const last = page[page.length - 1];
    return {
      data: await this.assemble(page, params, now),
      page: {
        limit: params.limit,
        next_cursor: hits.length > params.limit && last ? encodeCursor([last.distance_m, last.id]) : null,
      },
    };
  }

  /** A fixed number of batched queries per page, whatever its size. */
  private async assemble(hits: SearchHit[], params: SearchParams, now: Date): Promise<SearchResult[]> {
    const ids = hits.map((h) => h.id);
    const unique = (values: string[]) => [...new Set(values)];
    const [services, locations, status, salSchedules, salPhones] = await Promise.all([
      this.services.findByIds(unique(hits.map((h) => h.service_id))),
      this.locations.findByIds(unique(hits.map((h) => h.location_id))),
      this.search.openingStatus(ids, params.openAt ?? now),
      this.details.schedules('service_at_location_id', ids),
      this.details.phones('service_at_location_id', ids),
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
      const ownSchedules = salSchedules.get(hit.id) ?? [];
      const terms = [...service.attributes, ...location.attributes].filter(
        (t) => t.code.startsWith('access.') || t.code.startsWith('transport.'),
      );
      return {
        id: hit.id,
        reach: hit.reach,
        distance_m: Math.round(hit.distance_m * 10) / 10,
        open_now: opening?.has_hours ? opening.open_now : null,
        next_opens_at: opening?.has_hours && !opening.open_now ? opening.next_opens_at : null,
        assured_date: service.assured_date,
        languages: [...new Set([...service.languages, ...location.languages])].sort(),
        access: [...new Map(terms.map((t) => [t.code, t])).values()].sort((a, b) => a.code.localeCompare(b.code)),
        schedules: ownSchedules.length ? ownSchedules : location.schedules,
        phones: [...(salPhones.get(hit.id) ?? []), ...service.phones, ...location.phones],
        service,
        location,
        organization: organizationById.get(service.organization_id)!,
      };
    });
  }

  private async knownCodes(): Promise<KnownCodes> {
    if (!this.known || Date.now() - this.known.loadedAt > KNOWN_CODES_TTL_MS) {
      const { taxonomy, languages } = await this.search.knownCodes();
      this.known = { codes: { taxonomy: new Set(taxonomy), languages: new Set(languages) }, loadedAt: Date.now() };
    }
    return this.known.codes;
  }
}
