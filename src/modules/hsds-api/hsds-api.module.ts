import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { LocationsModule } from '../locations/locations.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ServiceAtLocationsModule } from '../service-at-locations/service-at-locations.module';
import { ServicesModule } from '../services/services.module';
import { HsdsApiController, hsdsInfo } from './hsds-api.controller';
import { HsdsApiRepository } from './hsds-api.repository';
import { HsdsApiService } from './hsds-api.service';
import { HsdsTaxonomyService } from './hsds-taxonomy.service';

/** Open Referral HSDS 3.0 read API under /hsds (public, no auth). */
@Module({
  imports: [OrganizationsModule, ServicesModule, LocationsModule, ServiceAtLocationsModule],
  controllers: [HsdsApiController],
  providers: [HsdsApiRepository, HsdsApiService, HsdsTaxonomyService],
})
export class HsdsApiModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /**
   * HSDS clients call `GET {base}/` with base `/hsds`, i.e. `/hsds/`. Nest
   * strips trailing slashes from route paths (the controller serves `/hsds`),
   * and Fastify tells the two apart, so the slash form is added here.
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.get !== 'function') return;
    fastify.get('/hsds/', async (request, reply) => reply.type('application/json; charset=utf-8').send(hsdsInfo(this.config, request)));
  }
}
