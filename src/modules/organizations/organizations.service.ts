import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { keysetPageInfo, keysetRequest } from '../../common/pagination/keyset';
import { Page, PageQuery } from '../../common/pagination/page';
import { RecordDetailsRepository } from '../records/record-details.repository';
import { Organization } from './organization.model';
import { OrganizationRow, OrganizationsRepository } from './organizations.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly details: RecordDetailsRepository,
  ) {}

  async list(query: PageQuery): Promise<Page<Organization>> {
    const request = keysetRequest('organizations', query);
    const { rows, total } = await this.organizations.findPage(request, query.modified_after ?? null);
    const page = keysetPageInfo(rows, request, total);
    return { data: await this.assemble(page.data), page: page.page };
  }

  async get(id: string): Promise<Organization> {
    const [found] = await this.findByIds([id]);
    if (!found) throw DomainError.notFound('organization', id);
    return found;
  }

  async findByIds(ids: readonly string[]): Promise<Organization[]> {
    return this.assemble(await this.organizations.findByIds(ids));
  }

  private async assemble(rows: OrganizationRow[]): Promise<Organization[]> {
    const details = await this.details.lists(
      'organization_id',
      rows.map((r) => r.id),
      ['attributes', 'phones'],
    );
    return rows.map((row) => ({ ...row, ...details(row.id) }));
  }
}
