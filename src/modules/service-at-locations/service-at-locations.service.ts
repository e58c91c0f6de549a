import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { keysetPageInfo, keysetRequest } from '../../common/pagination/keyset';
import { Page } from '../../common/pagination/page';
import { Location } from '../locations/location.model';
import { LocationsService } from '../locations/locations.service';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { Service } from '../services/service.model';
import { ServicesService } from '../services/services.service';
import { ServiceAtLocation, ServiceAtLocationListQuery } from './service-at-location.model';
import { ServiceAtLocationRow, ServiceAtLocationsRepository } from './service-at-locations.repository';

@Injectable()
export class ServiceAtLocationsService {
  constructor(
    private readonly links: ServiceAtLocationsRepository,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly details: RecordDetailsRepository,
  ) {}

  async list(query: ServiceAtLocationListQuery): Promise<Page<ServiceAtLocation>> {
    const request = keysetRequest('service-at-locations', query, ['uuid']);
    const { rows, total } = await this.links.findPage(request, {
      serviceId: query.service_id ?? null,
      locationId: query.location_id ?? null,
      modifiedAfter: query.modified_after ?? null,
    });
    const page = keysetPageInfo(rows, request, total, (row) => [row.id]);
    return { data: await this.assemble(page.data), page: page.page };
  }

  async get(id: string): Promise<ServiceAtLocation> {
    const [found] = await this.assemble(await this.links.findByIds([id]));
    if (!found) throw DomainError.notFound('service_at_location', id);
    return found;
  }

  /** Links as stored: ids, own hours and own phones, nothing embedded (for exports). */
  async findLinkRecordsByIds(ids: readonly string[]) {
    const rows = await this.links.findByIds(ids);
    const own = await this.details.lists(
      'service_at_location_id',
      rows.map((r) => r.id),
      ['schedules', 'phones'],
    );
    return rows.map((row) => ({ ...row, ...own(row.id) }));
  }

  /** Locations offering each of the given services (batched for GraphQL). */
  async locationsOfServices(serviceIds: readonly string[]): Promise<Map<string, Location[]>> {
    const links = await this.links.findLinks('service_id', serviceIds);
    const locations = new Map((await this.locations.findByIds(unique(links.map((l) => l.location_id)))).map((l) => [l.id, l]));
    return groupLinked(
      links,
      (l) => l.service_id,
      (l) => locations.get(l.location_id),
    );
  }

  /** Services offered at each of the given locations (batched for GraphQL). */
  async servicesAtLocations(locationIds: readonly string[]): Promise<Map<string, Service[]>> {
    const links = await this.links.findLinks('location_id', locationIds);
    const services = new Map((await this.services.findByIds(unique(links.map((l) => l.service_id)))).map((s) => [s.id, s]));
    return groupLinked(
      links,
      (l) => l.location_id,
      (l) => services.get(l.service_id),
    );
  }

  /** One query per kind of record for the whole page, whatever its size. */
  private async assemble(rows: ServiceAtLocationRow[]): Promise<ServiceAtLocation[]> {
    const ids = rows.map((r) => r.id);
    const [services, locations, own] = await Promise.all([
      this.services.findByIds(unique(rows.map((r) => r.service_id))),
      this.locations.findByIds(unique(rows.map((r) => r.location_id))),
      this.details.lists('service_at_location_id', ids, ['schedules', 'phones']),
    ]);
    const serviceById = new Map(services.map((s) => [s.id, s]));
    const locationById = new Map(locations.map((l) => [l.id, l]));
    return rows.map((row) => {
      const service = serviceById.get(row.service_id)!;
      const location = locationById.get(row.location_id)!;
      const { schedules, phones } = own(row.id);
      // (a link is soft-deleted with its service or location, so both exist)
      return {
        ...row,
        service,
        location,
        schedules,
        phones: [...phones, ...service.phones, ...location.phones],
      };
    });
  }
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function groupLinked<T>(
  links: ServiceAtLocationRow[],
  keyOf: (link: ServiceAtLocationRow) => string,
  valueOf: (link: ServiceAtLocationRow) => T | undefined,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const link of links) {
    const value = valueOf(link);
    if (value) grouped.set(keyOf(link), [...(grouped.get(keyOf(link)) ?? []), value]);
  }
  return grouped;
}
