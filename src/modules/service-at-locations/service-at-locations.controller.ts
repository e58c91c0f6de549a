import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { setNextLink } from '../../common/pagination/link-header';
import { ParseIdPipe } from '../../common/validation/id';
import { serviceAtLocationEtag } from '../../common/http-etag';
import { ServiceAtLocation, ServiceAtLocationListQuery, ServiceAtLocationPage } from './service-at-location.model';
import { ServiceAtLocationsService } from './service-at-locations.service';

@ApiTags('service-at-locations')
@Controller('v1/service-at-locations')
export class ServiceAtLocationsController {
  constructor(private readonly serviceAtLocations: ServiceAtLocationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listServiceAtLocations', summary: 'List services at locations, with hours and phones' })
  @ApiOkResponse({ type: ServiceAtLocationPage })
  @ApiProblems(400)
  async list(
    @Query() query: ServiceAtLocationListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceType<typeof ServiceAtLocationPage>> {
    const page = await this.serviceAtLocations.list(query);
    setNextLink(request, reply, page.page);
    return page;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getServiceAtLocation', summary: 'One service at a location by id' })
  @ApiParam({ name: 'id', format: 'uuid', example: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d' })
  @ApiOkResponse({ type: ServiceAtLocation })
  @ApiProblems(400, 404)
  async get(@Param('id', new ParseIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ServiceAtLocation> {
    const record = await this.serviceAtLocations.get(id);
    reply.header('etag', serviceAtLocationEtag(record));
    return record;
  }
}
