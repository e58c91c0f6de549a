import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { RecordsModule } from '../records/records.module';
import { ServicesModule } from '../services/services.module';
import { ServiceAtLocationsController } from './service-at-locations.controller';
import { ServiceAtLocationsRepository } from './service-at-locations.repository';
import { LocationServicesResolver, ServiceAtLocationsResolver, ServiceLocationsResolver } from './service-at-locations.resolver';
import { ServiceAtLocationsService } from './service-at-locations.service';

@Module({
  imports: [RecordsModule, ServicesModule, LocationsModule],
  controllers: [ServiceAtLocationsController],
  providers: [ServiceAtLocationsRepository, ServiceAtLocationsService, ServiceAtLocationsResolver, ServiceLocationsResolver, LocationServicesResolver],
  exports: [ServiceAtLocationsService],
})
export class ServiceAtLocationsModule {}
