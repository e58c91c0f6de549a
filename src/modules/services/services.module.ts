import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RecordsModule } from '../records/records.module';
import { ServicesController } from './services.controller';
import { ServicesRepository } from './services.repository';
import { OrganizationServicesResolver, ServicesResolver } from './services.resolver';
import { ServicesService } from './services.service';

@Module({
  imports: [RecordsModule, OrganizationsModule],
  controllers: [ServicesController],
  providers: [ServicesRepository, ServicesService, ServicesResolver, OrganizationServicesResolver],
  exports: [ServicesService],
})
export class ServicesModule {}
