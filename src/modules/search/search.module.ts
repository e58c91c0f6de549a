import { Module } from '@nestjs/common';
import { ConcurrencyLimit } from '../../common/concurrency-limit';
import { DatabaseConnection } from '../../database/database-connection';
import { LocationsModule } from '../locations/locations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { RecordsModule } from '../records/records.module';
import { ServicesModule } from '../services/services.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { SearchController } from './search.controller';
import { SearchRepository } from './search.repository';
import { SearchResolver } from './search.resolver';
import { SEARCH_SLOTS, SearchService } from './search.service';

@Module({
  imports: [RecordsModule, OrganizationsModule, ServicesModule, LocationsModule, TaxonomyModule],
  controllers: [SearchController],
  providers: [
    SearchRepository,
    SearchService,
    SearchResolver,
    { provide: SEARCH_SLOTS, inject: [DatabaseConnection], useFactory: (db: DatabaseConnection) => new ConcurrencyLimit(db.poolSize) },
  ],
})
export class SearchModule {}
