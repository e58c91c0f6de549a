import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { setNextLink } from '../../common/pagination/link-header';
import { PageQuery } from '../../common/pagination/page';
import { ParseIdPipe } from '../../common/validation/id';
import { etagOf } from '../../common/http-etag';
import { Organization, OrganizationPage } from './organization.model';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('v1/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({ operationId: 'listOrganizations', summary: 'List providers, by name' })
  @ApiOkResponse({ type: OrganizationPage })
  @ApiProblems(400)
  async list(
    @Query() query: PageQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InstanceType<typeof OrganizationPage>> {
    const page = await this.organizations.list(query);
    setNextLink(request, reply, page.page);
    return page;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getOrganization', summary: 'One provider by id' })
  @ApiParam({ name: 'id', format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @ApiOkResponse({ type: Organization })
  @ApiProblems(400, 404)
  async get(@Param('id', new ParseIdPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Organization> {
    const record = await this.organizations.get(id);
    reply.header('etag', etagOf(record.version));
    return record;
  }
}
