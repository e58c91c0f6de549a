import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { alignByKey, GraphQLContext, groupByKey } from '../../common/graphql/loaders';
import { assertUuid } from '../../common/validation/id';
import { Organization } from '../organizations/organization.model';
import { OrganizationsService } from '../organizations/organizations.service';
import { Location, LocationListQuery, LocationPage } from './location.model';
import { LocationsService } from './locations.service';

@Resolver(() => Location)
export class LocationsResolver {
  constructor(
    private readonly locationDirectory: LocationsService,
    private readonly organizationDirectory: OrganizationsService,
  ) {}

  @Query(() => Location, { description: 'One location by id.' })
  location(@Args('id', { type: () => ID }) id: string): Promise<Location> {
    return this.locationDirectory.get(assertUuid(id));
  }

  @Query(() => LocationPage, { description: 'Locations by name, a page at a time.' })
  locations(@Args(nullAsAbsent) query: LocationListQuery): Promise<InstanceType<typeof LocationPage>> {
    return this.locationDirectory.list(query);
  }

  @ResolveField(() => Organization, { description: 'The provider that runs this location.' })
  organization(@Parent() location: Location, @Context() ctx: GraphQLContext): Promise<Organization> {
    return ctx.loaders
      .get('organization.byId', async (ids) => alignByKey(ids, await this.organizationDirectory.findByIds(ids), (o) => o.id))
      .load(location.organization_id) as Promise<Organization>;
  }
}

/** Organization.locations lives here so organizations need not know about locations. */
@Resolver(() => Organization)
export class OrganizationLocationsResolver {
  constructor(private readonly locationDirectory: LocationsService) {}

  @ResolveField(() => [Location], { description: "The provider's locations, by name." })
  locations(@Parent() organization: Organization, @Context() ctx: GraphQLContext): Promise<Location[]> {
    return ctx.loaders
      .get('locations.byOrganizationId', async (ids) => groupByKey(ids, await this.locationDirectory.findByOrganizationIds(ids), (l) => l.organization_id))
      .load(organization.id);
  }
}
