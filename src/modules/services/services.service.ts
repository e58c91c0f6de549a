import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { keysetPageInfo, keysetRequest } from '../../common/pagination/keyset';
import { Page } from '../../common/pagination/page';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { Service, ServiceListQuery } from './service.model';
import { ServiceRow, ServicesRepository } from './services.repository';

@Injectable()
export class ServicesService {
  constructor(
    private readonly services: ServicesRepository,
    private readonly details: RecordDetailsRepository,
  ) {}

  async list(query: ServiceListQuery): Promise<Page<Service>> {
    const request = keysetRequest('services', query);
    const { rows, total } = await this.services.findPage(request, {
      organizationId: query.organization_id ?? null,
      modifiedAfter: query.modified_after ?? null,
    });
    const page = keysetPageInfo(rows, request, total);
    return { data: await this.assemble(page.data), page: page.page };
  }

  async get(id: string): Promise<Service> {
    const [found] = await this.findByIds([id]);
    if (!found) throw DomainError.notFound('service', id);
    return found;
  }

  async findByIds(ids: readonly string[]): Promise<Service[]> {
    return this.assemble(await this.services.findByIds(ids));
  }

  async findByOrganizationIds(organizationIds: readonly string[]): Promise<Service[]> {
    return this.assemble(await this.services.findByOrganizationIds(organizationIds));
  }

  private async assemble(rows: ServiceRow[]): Promise<Service[]> {
    const details = await this.details.lists(
      'service_id',
      rows.map((r) => r.id),
      ['languages', 'attributes', 'phones'],
    );
    return rows.map((row) => ({ ...row, ...details(row.id) }));
  }
}
