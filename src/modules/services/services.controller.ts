import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { setNextLink } from '../../common/pagination/link-header';
import { ParseIdPipe } from '../../common/validation/id';
import { etagOf } from '../../common/http-etag';
import { Service, ServiceListQuery, ServicePage } from './service.model';
import { ServicesService } from './services.service';

@ApiTags('services')
@Controller('v1/services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @ApiOperation({ operationId: 'listServices', summary: 'List services, by name' })
  @ApiOkResponse({ type: ServicePage })
  @ApiProblems(400)
  async list(
    @Query() query: ServiceListQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceType<typeof ServicePage>> {
    const page = await this.services.list(query);
    setNextLink(request, reply, page.page);
    return page;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getService', summary: 'One service by id' })
  @ApiParam({ name: 'id', format: 'uuid', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' })
  @ApiOkResponse({ type: Service })
  @ApiProblems(400, 404)
  async get(@Param('id', new ParseIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Service> {
    const record = await this.services.get(id);
    reply.header('etag', etagOf(record.version));
    return record;
  }
}
