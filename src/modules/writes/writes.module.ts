import { Module } from '@nestjs/common';
import { serviceAtLocationEtag } from '../../common/http-etag';
import { Location } from '../locations/location.model';
import { LocationsModule } from '../locations/locations.module';
import { LocationsService } from '../locations/locations.service';
import { Organization } from '../organizations/organization.model';
import { OrganizationsModule } from '../organizations/organizations.module';
import { OrganizationsService } from '../organizations/organizations.service';
import { ServiceAtLocation } from '../service-at-locations/service-at-location.model';
import { ServiceAtLocationsModule } from '../service-at-locations/service-at-locations.module';
import { ServiceAtLocationsService } from '../service-at-locations/service-at-locations.service';
import { Service } from '../services/service.model';
import { ServicesModule } from '../services/services.module';
import { ServicesService } from '../services/services.service';
import { DirectoryWritesService } from './directory-writes.service';
import { LocationInput } from './dto/location.input';
import { OrganizationInput } from './dto/organization.input';
import { ServiceAtLocationInput } from './dto/service-at-location.input';
import { ServiceInput } from './dto/service.input';
import { VerifyController } from './verify.controller';
import { writeControllerFor } from './write-controller.factory';
import { WritesResolver } from './writes.resolver';

const controllers = [
  writeControllerFor({
    entity: 'organization',
    path: 'organizations',
    tag: 'organizations',
    name: 'Organization',
    input: OrganizationInput,
    output: Organization,
    reader: OrganizationsService,
  }),
  writeControllerFor({ entity: 'service', path: 'services', tag: 'services', name: 'Service', input: ServiceInput, output: Service, reader: ServicesService }),
  writeControllerFor({
    entity: 'location',
    path: 'locations',
    tag: 'locations',
    name: 'Location',
    input: LocationInput,
    output: Location,
    reader: LocationsService,
  }),
  writeControllerFor({
    entity: 'service_at_location',
    path: 'service-at-locations',
    tag: 'service-at-locations',
    name: 'ServiceAtLocation',
    input: ServiceAtLocationInput,
    output: ServiceAtLocation,
    reader: ServiceAtLocationsService,
    etag: serviceAtLocationEtag,
  }),
  VerifyController,
];

@Module({
  imports: [OrganizationsModule, ServicesModule, LocationsModule, ServiceAtLocationsModule],
  controllers,
  providers: [DirectoryWritesService, WritesResolver],
  exports: [DirectoryWritesService],
})
export class WritesModule {}
