import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { alignByKey, GraphQLContext, groupByKey } from '../../common/graphql/loaders';
import { assertUuid } from '../../common/validation/id';
import { Organization } from '../organizations/organization.model';
import { OrganizationsService } from '../organizations/organizations.service';
import { Service, ServiceListQuery, ServicePage } from './service.model';
import { ServicesService } from './services.service';

@Resolver(() => Service)
export class ServicesResolver {
  constructor(
    private readonly serviceDirectory: ServicesService,
    private readonly organizationDirectory: OrganizationsService,
  ) {}

  @Query(() => Service, { description: 'One service by id.' })
  service(@Args('id', { type: () => ID }) id: string): Promise<Service> {
    return this.serviceDirectory.get(assertUuid(id));
  }

  @Query(() => ServicePage, { description: 'Services by name, a page at a time.' })
  services(@Args(nullAsAbsent) query: ServiceListQuery): Promise<InstanceType<typeof ServicePage>> {
    return this.serviceDirectory.list(query);
  }

  @ResolveField(() => Organization, { description: 'The provider that runs this service.' })
  organization(@Parent() service: Service, @Context() ctx: GraphQLContext): Promise<Organization> {
    return ctx.loaders
      .get('organization.byId', async (ids) => alignByKey(ids, await this.organizationDirectory.findByIds(ids), (o) => o.id))
      .load(service.organization_id) as Promise<Organization>;
  }
}

/** Organization.services lives here so organizations need not know about services. */
@Resolver(() => Organization)
export class OrganizationServicesResolver {
  constructor(private readonly serviceDirectory: ServicesService) {}

  @ResolveField(() => [Service], { description: "The provider's services, by name." })
  services(@Parent() organization: Organization, @Context() ctx: GraphQLContext): Promise<Service[]> {
    return ctx.loaders
      .get('services.byOrganizationId', async (ids) => groupByKey(ids, await this.serviceDirectory.findByOrganizationIds(ids), (s) => s.organization_id))
      .load(organization.id);
  }
}
