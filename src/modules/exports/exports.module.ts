import { Module } from '@nestjs/common';
import { LocationsModule } from '../locations/locations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ServiceAtLocationsModule } from '../service-at-locations/service-at-locations.module';
import { ServicesModule } from '../services/services.module';
import { ExportController } from './export.controller';
import { ExportRepository } from './export.repository';
import { ExportService } from './export.service';

@Module({
  imports: [OrganizationsModule, ServicesModule, LocationsModule, ServiceAtLocationsModule],
  controllers: [ExportController],
  providers: [ExportRepository, ExportService],
})
export class ExportsModule {}
