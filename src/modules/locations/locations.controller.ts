import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { setNextLink } from '../../common/pagination/link-header';
import { ParseIdPipe } from '../../common/validation/id';
import { etagOf } from '../../common/http-etag';
import { Location, LocationListQuery, LocationPage } from './location.model';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@Controller('v1/locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listLocations', summary: 'List locations, by name' })
  @ApiOkResponse({ type: LocationPage })
  @ApiProblems(400)
  async list(
    @Query() query: LocationListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceType<typeof LocationPage>> {
    const page = await this.locations.list(query);
    setNextLink(request, reply, page.page);
    return page;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getLocation', summary: 'One location by id' })
  @ApiParam({ name: 'id', format: 'uuid', example: '5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b' })
  @ApiOkResponse({ type: Location })
  @ApiProblems(400, 404)
  async get(@Param('id', new ParseIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Location> {
    const record = await this.locations.get(id);
    reply.header('etag', etagOf(record.version));
    return record;
  }
}
