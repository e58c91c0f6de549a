import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '../../common/graphql/loaders';
import { assertUuid } from '../../common/validation/id';
import { Location } from '../locations/location.model';
import { Service } from '../services/service.model';
import { ServiceAtLocation, ServiceAtLocationListQuery, ServiceAtLocationPage } from './service-at-location.model';
import { ServiceAtLocationsService } from './service-at-locations.service';

@Resolver(() => ServiceAtLocation)
export class ServiceAtLocationsResolver {
  constructor(private readonly directory: ServiceAtLocationsService) {}

  @Query(() => ServiceAtLocation, { description: 'One service at a location by id.' })
  serviceAtLocation(@Args('id', { type: () => ID }) id: string): Promise<ServiceAtLocation> {
    return this.directory.get(assertUuid(id));
  }

  @Query(() => ServiceAtLocationPage, { description: 'Services at locations, a page at a time.' })
  serviceAtLocations(@Args(nullAsAbsent) query: ServiceAtLocationListQuery): Promise<InstanceType<typeof ServiceAtLocationPage>> {
    return this.directory.list(query);
  }
}

@Resolver(() => Service)
export class ServiceLocationsResolver {
  constructor(private readonly directory: ServiceAtLocationsService) {}

  @ResolveField(() => [Location], { description: 'Where this service is offered.' })
  locations(@Parent() service: Service, @Context() ctx: GraphQLContext): Promise<Location[]> {
    return ctx.loaders
      .get('locations.byServiceId', async (ids) => {
        const grouped = await this.directory.locationsOfServices(ids);
        return ids.map((id) => grouped.get(id) ?? []);
      })
      .load(service.id);
  }
}

@Resolver(() => Location)
export class LocationServicesResolver {
  constructor(private readonly directory: ServiceAtLocationsService) {}

  @ResolveField(() => [Service], { description: 'What is offered here.' })
  services(@Parent() location: Location, @Context() ctx: GraphQLContext): Promise<Service[]> {
    return ctx.loaders
      .get('services.byLocationId', async (ids) => {
        const grouped = await this.directory.servicesAtLocations(ids);
        return ids.map((id) => grouped.get(id) ?? []);
      })
      .load(location.id);
  }
}
