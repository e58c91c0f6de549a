import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { keysetPageInfo, keysetRequest } from '../../common/pagination/keyset';
import { Page } from '../../common/pagination/page';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { Location, LocationListQuery } from './location.model';
import { APPROXIMATE_PRECISION_M, LocationRow, LocationsRepository } from './locations.repository';

@Injectable()
export class LocationsService {
  constructor(
    private readonly locations: LocationsRepository,
    private readonly details: RecordDetailsRepository,
  ) {}

  async list(query: LocationListQuery): Promise<Page<Location>> {
    const request = keysetRequest('locations', query);
    const { rows, total } = await this.locations.findPage(request, {
      organizationId: query.organization_id ?? null,
      locationType: query.location_type ?? null,
      modifiedAfter: query.modified_after ?? null,
    });
    const page = keysetPageInfo(rows, request, total);
    return { data: await this.assemble(page.data), page: page.page };
  }

  async get(id: string): Promise<Location> {
    const [found] = await this.findByIds([id]);
    if (!found) throw DomainError.notFound('location', id);
    return found;
  }

  async findByIds(ids: readonly string[]): Promise<Location[]> {
    return this.assemble(await this.locations.findByIds(ids));
  }

  async findByOrganizationIds(organizationIds: readonly string[]): Promise<Location[]> {
    return this.assemble(await this.locations.findByOrganizationIds(organizationIds));
  }

  private async assemble(rows: LocationRow[]): Promise<Location[]> {
    const details = await this.details.lists(
      'location_id',
      rows.map((r) => r.id),
      ['languages', 'attributes', 'phones', 'schedules'],
    );
    return rows.map((row) => toLocation(row, details(row.id)));
  }
}

function toLocation(row: LocationRow, details: Pick<Location, 'languages' | 'attributes' | 'phones' | 'schedules'>): Location {
  const { address_1, address_2, city, state_province, postal_code, country, ...rest } = row;
  const hasAddress = [address_1, city, state_province, postal_code].some((v) => v !== null);
  return {
    ...rest,
    ...details,
    location_precision_m: row.address_visibility === 'approximate' && row.geometry ? APPROXIMATE_PRECISION_M : null,
    address: hasAddress ? { address_1, address_2, city, state_province, postal_code, country } : null,
  };
}
