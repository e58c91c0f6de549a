import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { assertUuid } from '../../common/validation/id';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequireScope } from '../auth/require-scope.decorator';
import { Location } from '../locations/location.model';
import { LocationsService } from '../locations/locations.service';
import { Organization } from '../organizations/organization.model';
import { OrganizationsService } from '../organizations/organizations.service';
import { ServiceAtLocation } from '../service-at-locations/service-at-location.model';
import { ServiceAtLocationsService } from '../service-at-locations/service-at-locations.service';
import { Service } from '../services/service.model';
import { ServicesService } from '../services/services.service';
import { actorOf } from './actor';
import { DirectoryWritesService } from './directory-writes.service';
import { LocationInput } from './dto/location.input';
import { OrganizationInput } from './dto/organization.input';
import { ServiceAtLocationInput } from './dto/service-at-location.input';
import { ServiceInput } from './dto/service.input';
import { RECORD_KINDS, RecordKindEnum } from '../../common/vocabularies';

type Ctx = { req: AuthenticatedRequest };
const ifMatchArg = {
  type: () => String,
  description: 'The version of the record you last read, e.g. "3" or 3 (for a service at a location: its own version).',
};
/** GraphQL callers pass the version; REST's If-Match quotes it. */
const asIfMatch = (version: string) => (version.startsWith('"') || version === '*' ? version : `"${version}"`);

/** The same writes as REST, with the same validation, scopes and version checks. */
@Resolver()
@RequireScope('write')
export class WritesResolver {
  constructor(
    private readonly writes: DirectoryWritesService,
    private readonly organizations: OrganizationsService,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly links: ServiceAtLocationsService,
  ) {}

  @Mutation(() => Organization)
  async createOrganization(@Args('input') input: OrganizationInput, @Context() ctx: Ctx): Promise<Organization> {
    return this.organizations.get(await this.writes.create('organization', input, actorOf(ctx.req)));
  }

  @Mutation(() => Organization)
  async updateOrganization(
    @Args('id', { type: () => ID }) id: string,
    @Args('ifMatch', ifMatchArg) ifMatch: string,
    @Args('input') input: OrganizationInput,
    @Context() ctx: Ctx,
  ): Promise<Organization> {
    await this.writes.update('organization', assertUuid(id), asIfMatch(ifMatch), input, actorOf(ctx.req));
    return this.organizations.get(id);
  }

  @Mutation(() => Service)
  async createService(@Args('input') input: ServiceInput, @Context() ctx: Ctx): Promise<Service> {
    return this.services.get(await this.writes.create('service', input, actorOf(ctx.req)));
  }

  @Mutation(() => Service)
  async updateService(
    @Args('id', { type: () => ID }) id: string,
    @Args('ifMatch', ifMatchArg) ifMatch: string,
    @Args('input') input: ServiceInput,
    @Context() ctx: Ctx,
  ): Promise<Service> {
    await this.writes.update('service', assertUuid(id), asIfMatch(ifMatch), input, actorOf(ctx.req));
    return this.services.get(id);
  }

  @Mutation(() => Service, { description: 'Record that a person verified this listing today.' })
  async verifyService(@Args('id', { type: () => ID }) id: string, @Context() ctx: Ctx): Promise<Service> {
    await this.writes.verify(assertUuid(id), actorOf(ctx.req));
    return this.services.get(id);
  }

  @Mutation(() => Location)
  async createLocation(@Args('input') input: LocationInput, @Context() ctx: Ctx): Promise<Location> {
    return this.locations.get(await this.writes.create('location', input, actorOf(ctx.req)));
  }

  @Mutation(() => Location)
  async updateLocation(
    @Args('id', { type: () => ID }) id: string,
    @Args('ifMatch', ifMatchArg) ifMatch: string,
    @Args('input') input: LocationInput,
    @Context() ctx: Ctx,
  ): Promise<Location> {
    await this.writes.update('location', assertUuid(id), asIfMatch(ifMatch), input, actorOf(ctx.req));
    return this.locations.get(id);
  }

  @Mutation(() => ServiceAtLocation)
  async createServiceAtLocation(@Args('input') input: ServiceAtLocationInput, @Context() ctx: Ctx): Promise<ServiceAtLocation> {
    return this.links.get(await this.writes.create('service_at_location', input, actorOf(ctx.req)));
  }

  @Mutation(() => ServiceAtLocation)
  async updateServiceAtLocation(
    @Args('id', { type: () => ID }) id: string,
    @Args('ifMatch', ifMatchArg) ifMatch: string,
    @Args('input') input: ServiceAtLocationInput,
    @Context() ctx: Ctx,
  ): Promise<ServiceAtLocation> {
    // GraphQL has no ETags: ifMatch is the link's own version, not REST's "sal1-s3-l7"
    await this.writes.update('service_at_location', assertUuid(id), asIfMatch(ifMatch), input, actorOf(ctx.req), 'version');
    return this.links.get(id);
  }

  @Mutation(() => Boolean, { description: 'Soft-deletes a record (and what hangs from it); true when done.' })
  async deleteRecord(
    @Args('kind', { type: () => RecordKindEnum }) kind: (typeof RECORD_KINDS)[number],
    @Args('id', { type: () => ID }) id: string,
    @Args('ifMatch', ifMatchArg) ifMatch: string,
    @Context() ctx: Ctx,
  ): Promise<boolean> {
    await this.writes.remove(kind, assertUuid(id), asIfMatch(ifMatch), actorOf(ctx.req), 'version');
    return true;
  }
}
