import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RecordsModule } from '../records/records.module';
import { LocationsController } from './locations.controller';
import { LocationsRepository } from './locations.repository';
import { LocationsResolver, OrganizationLocationsResolver } from './locations.resolver';
import { LocationsService } from './locations.service';

@Module({
  imports: [RecordsModule, OrganizationsModule],
  controllers: [LocationsController],
  providers: [LocationsRepository, LocationsService, LocationsResolver, OrganizationLocationsResolver],
  exports: [LocationsService],
})
export class LocationsModule {}
