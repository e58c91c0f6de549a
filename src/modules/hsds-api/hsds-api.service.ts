import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import {
  HsdsService,
  ServiceAtLocationInput,
  toHsdsOrganization,
  toHsdsSchedule,
  toHsdsService,
  toHsdsServiceArea,
  toHsdsServiceAtLocation,
} from '../imports/hsds-export.mapper';
import { LocationsService } from '../locations/locations.service';
import { Organization } from '../organizations/organization.model';
import { OrganizationsService } from '../organizations/organizations.service';
import { resolveUsZip } from '../search/postal-codes';
import { ServiceAtLocationsService } from '../service-at-locations/service-at-locations.service';
import { ServicesService } from '../services/services.service';
import { HsdsApiRepository, HsdsFilter, HsdsNear, IdPage, IdWindow } from './hsds-api.repository';
import { HsdsPage, hsdsPage, inOrder, ndjsonLines, oneToOne, pageWindow, unique } from './hsds-page';
import { HsdsFilteredListQuery, HsdsListQuery, HsdsOrganizationListQuery, HsdsServiceAtLocationListQuery, HsdsServiceListQuery } from './hsds-query.dto';
import { HsdsTaxonomyService, searchWords } from './hsds-taxonomy.service';

/** A list answer: an HSDS page, or (format=ndjson) every match as NDJSON lines. */
export type HsdsListing = { kind: 'page'; page: HsdsPage<object> } | { kind: 'ndjson'; lines: AsyncIterable<string> | Iterable<string> };

type ServiceShape = 'minimal' | 'list' | 'full';
type OrganizationShape = 'list' | 'full' | 'full_service';

const byId = <T extends { id: string }>(records: T[]) => new Map(records.map((r) => [r.id, r]));

/**
 * The HSDS 3.0 read API: the repository picks and orders ids, the directory's
 * own services load the records (never soft-deleted rows, never a hidden
 * street), and the HSDS export mapper shapes them, so this API and HSDS
 * exports say the same thing with the same ids.
 */
@Injectable()
export class HsdsApiService {
  constructor(
    private readonly repository: HsdsApiRepository,
    private readonly taxonomy: HsdsTaxonomyService,
    private readonly organizations: OrganizationsService,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly links: ServiceAtLocationsService,
  ) {}

  // ---- lists ----

  async listServices(query: HsdsServiceListQuery): Promise<HsdsListing> {
    const filter = await this.filter(query);
    const shape: ServiceShape = query.full ? 'full' : query.minimal ? 'minimal' : 'list';
    return this.listing(
      query,
      (w) => this.repository.serviceIds(filter, w),
      (ids) => this.serviceItems(ids, shape),
    );
  }

  async listOrganizations(query: HsdsOrganizationListQuery): Promise<HsdsListing> {
    const filter = { words: searchWords(query.search), modifiedAfter: query.modified_after ?? null };
    const shape: OrganizationShape = query.full_service ? 'full_service' : query.full ? 'full' : 'list';
    return this.listing(
      query,
      (w) => this.repository.organizationIds(filter, w),
      (ids) => this.organizationItems(ids, shape),
    );
  }

  async listServiceAtLocations(query: HsdsServiceAtLocationListQuery): Promise<HsdsListing> {
    const near = this.near(query);
    const filter = await this.filter(query);
    return this.listing(
      query,
      (w) => this.repository.serviceAtLocationIds(filter, near, w),
      (ids) => this.serviceAtLocationItems(ids, query.full === true),
    );
  }

  // ---- single records ----

  async service(id: string): Promise<HsdsService> {
    const [found] = await this.fullServices([id]);
    if (!found) throw DomainError.notFound('service', id);
    return found;
  }

  async organization(id: string, fullService: boolean): Promise<object> {
    const [found] = await this.organizationItems([id], fullService ? 'full_service' : 'full');
    if (!found) throw DomainError.notFound('organization', id);
    return found;
  }

  async serviceAtLocation(id: string): Promise<object> {
    const [found] = await this.serviceAtLocationItems([id], true);
    if (!found) throw DomainError.notFound('service_at_location', id);
    return found;
  }

  // ---- parameters ----

  private async filter(query: HsdsFilteredListQuery): Promise<HsdsFilter> {
    if (query.taxonomy_id !== undefined) this.taxonomy.checkTaxonomy(query.taxonomy_id);
    return {
      words: searchWords(query.search),
      termCode: query.taxonomy_term_id === undefined ? null : await this.taxonomy.resolveTerm(query.taxonomy_term_id, 'taxonomy_term_id'),
      anyTerm: query.taxonomy_id !== undefined,
      organizationId: query.organization_id?.toLowerCase() ?? null,
      modifiedAfter: query.modified_after ?? null,
    };
  }

  /** postcode (a US ZIP, resolved offline to its centroid) and proximity in meters. */
  private near(query: HsdsServiceAtLocationListQuery): HsdsNear | null {
    if (query.postcode === undefined) {
      if (query.proximity !== undefined) throw DomainError.invalidParameter('proximity', 'needs postcode: proximity is meters from its centroid');
      return null;
    }
    const zip = query.postcode.trim();
    if (!/^\d{5}(-\d{4})?$/.test(zip)) throw DomainError.invalidParameter('postcode', 'must be a 5-digit US ZIP code (or ZIP+4)');
    const found = resolveUsZip(zip);
    if (!found.ok) {
      const reason = found.reason === 'military' ? 'military mail ZIP (APO/FPO/DPO): no place to measure from' : 'unknown US ZIP code';
      throw new DomainError(ErrorCode.InvalidParameter, `postcode: ${reason} '${zip}'.`, [{ name: 'postcode', reason }]);
    }
    const { centroid } = found;
    return { postalCode: centroid.postalCode, latitude: centroid.latitude, longitude: centroid.longitude, proximityM: query.proximity ?? null };
  }

  private async listing(query: HsdsListQuery, ids: (window: IdWindow) => Promise<IdPage>, load: (ids: string[]) => Promise<object[]>): Promise<HsdsListing> {
    if (query.format === 'ndjson') {
      // HSDS: ndjson streams every result, without pagination
      const all = await ids({ limit: null, offset: 0 });
      return { kind: 'ndjson', lines: ndjsonLines(all.ids, load) };
    }
    const window = pageWindow(query);
    const page = await ids({ limit: window.perPage, offset: window.offset });
    return { kind: 'page', page: hsdsPage(await load(page.ids), page.total, window) };
  }

  // ---- assembly (one query per kind of record for a whole page) ----

  private async serviceItems(ids: string[], shape: ServiceShape): Promise<object[]> {
    if (shape === 'full') return this.fullServices(ids);
    const services = inOrder(ids, await this.services.findByIds(ids));
    if (shape === 'minimal') return services.map((s) => ({ id: s.id, last_modified: s.last_modified }));
    const organizations = byId(await this.organizations.findByIds(unique(services.map((s) => s.organization_id))));
    return services.map((s) => oneToOne(toHsdsService(s, { organization: organizations.get(s.organization_id) })));
  }

  /** Services with their organization, service_at_locations (each with its location), schedules and service areas. */
  private async fullServices(ids: string[], withOrganization = true): Promise<HsdsService[]> {
    const services = inOrder(ids, await this.services.findByIds(ids));
    const serviceIds = services.map((s) => s.id);
    const [organizations, links, schedules] = await Promise.all([
      withOrganization ? this.organizations.findByIds(unique(services.map((s) => s.organization_id))) : Promise.resolve([] as Organization[]),
      this.repository.linkIdsOfServices(serviceIds).then((linkIds) => this.links.findLinkRecordsByIds(linkIds)),
      this.repository.serviceSchedules(serviceIds),
    ]);
    const locations = byId(await this.locations.findByIds(unique(links.map((l) => l.location_id))));
    const organizationById = byId(organizations);
    const linksByService = new Map<string, ServiceAtLocationInput[]>();
    for (const link of links) {
      const location = locations.get(link.location_id);
      if (location) linksByService.set(link.service_id, [...(linksByService.get(link.service_id) ?? []), { ...link, location }]);
    }
    return services.map((service) => ({
      ...toHsdsService(service, {
        organization: organizationById.get(service.organization_id),
        serviceAtLocations: linksByService.get(service.id) ?? [],
      }),
      schedules: (schedules.get(service.id) ?? []).map((s) => toHsdsSchedule(s, { service_id: service.id })),
    }));
  }

  private async organizationItems(ids: string[], shape: OrganizationShape): Promise<object[]> {
    const organizations = inOrder(ids, await this.organizations.findByIds(ids));
    if (shape === 'list') return organizations.map((o) => oneToOne(toHsdsOrganization(o)));
    const orgIds = organizations.map((o) => o.id);
    const [services, locations] = await Promise.all([this.services.findByOrganizationIds(orgIds), this.locations.findByOrganizationIds(orgIds)]);
    // inside an organization, a full service does not repeat the organization
    const fullServices =
      shape === 'full_service'
        ? byId(
            await this.fullServices(
              services.map((s) => s.id),
              false,
            ),
          )
        : null;
    return organizations.map((organization) => {
      const own = services.filter((s) => s.organization_id === organization.id);
      const hsds = toHsdsOrganization(organization, { services: own, locations: locations.filter((l) => l.organization_id === organization.id) });
      return fullServices ? { ...hsds, services: own.map((s) => fullServices.get(s.id)!).filter(Boolean) } : hsds;
    });
  }

  /** list: one-to-one fields (service, location); full: schedules, phones, the location, the service with its organization and service area. */
  private async serviceAtLocationItems(ids: string[], full: boolean): Promise<object[]> {
    const links = inOrder(ids, await this.links.findLinkRecordsByIds(ids));
    const [services, locations] = await Promise.all([
      this.services.findByIds(unique(links.map((l) => l.service_id))),
      this.locations.findByIds(unique(links.map((l) => l.location_id))),
    ]);
    const serviceById = byId(services);
    const locationById = byId(locations);
    const organizations = full ? byId(await this.organizations.findByIds(unique(services.map((s) => s.organization_id)))) : null;
    return links.flatMap((link) => {
      const service = serviceById.get(link.service_id);
      const location = locationById.get(link.location_id);
      if (!service || !location) return [];
      const hsds = toHsdsServiceAtLocation({ ...link, service, location });
      if (!organizations) return [oneToOne(hsds)];
      const organization = organizations.get(service.organization_id);
      const area = toHsdsServiceArea(service.id, location);
      return [
        {
          ...hsds,
          service: { ...hsds.service, ...(organization ? { organization: toHsdsOrganization(organization) } : {}), service_areas: area ? [area] : [] },
        },
      ];
    });
  }
}
