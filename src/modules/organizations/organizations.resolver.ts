import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { PageQuery } from '../../common/pagination/page';
import { assertUuid } from '../../common/validation/id';
import { Organization, OrganizationPage } from './organization.model';
import { OrganizationsService } from './organizations.service';

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(private readonly directory: OrganizationsService) {}

  @Query(() => Organization, { description: 'One provider by id.' })
  organization(@Args('id', { type: () => ID }) id: string): Promise<Organization> {
    return this.directory.get(assertUuid(id));
  }

  @Query(() => OrganizationPage, { description: 'Providers by name, a page at a time.' })
  organizations(@Args(nullAsAbsent) query: PageQuery): Promise<InstanceType<typeof OrganizationPage>> {
    return this.directory.list(query);
  }
}
