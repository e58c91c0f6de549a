import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { graphqlConfig } from './common/graphql/graphql.config';
import { CursorSecretModule } from './common/pagination/cursor-secret.loader';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { AuthModule } from './modules/auth/auth.module';
import { EmbedModule } from './modules/embed/embed.module';
import { ExportsModule } from './modules/exports/exports.module';
import { HealthModule } from './modules/health/health.module';
import { HsdsApiModule } from './modules/hsds-api/hsds-api.module';
import { ImportsModule } from './modules/imports/imports.module';
import { LocationsModule } from './modules/locations/locations.module';
import { RateLimitModule } from './modules/rate-limit/rate-limit.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { SearchModule } from './modules/search/search.module';
import { ServiceAtLocationsModule } from './modules/service-at-locations/service-at-locations.module';
import { ServicesModule } from './modules/services/services.module';
import { SyncModule } from './modules/sync/sync.module';
import { TaxonomyModule } from './modules/taxonomy/taxonomy.module';
import { WritesModule } from './modules/writes/writes.module';

@Module({
  imports: [
    ConfigModule,
    MetricsModule,
    DatabaseModule,
    CursorSecretModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlConfig() }),
    HealthModule,
    TaxonomyModule,
    OrganizationsModule,
    ServicesModule,
    LocationsModule,
    ServiceAtLocationsModule,
    SearchModule,
    AuthModule,
    WritesModule,
    SyncModule,
    ImportsModule,
    ExportsModule,
    RateLimitModule,
    HsdsApiModule,
    EmbedModule,
  ],
})
export class AppModule {}
