import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ParseIdPipe } from '../../common/validation/id';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequireScope } from '../auth/require-scope.decorator';
import { Service } from '../services/service.model';
import { ServicesService } from '../services/services.service';
import { actorOf } from './actor';
import { DirectoryWritesService } from './directory-writes.service';
import { etagOf } from '../../common/http-etag';

@ApiTags('services')
@ApiBearerAuth()
@Controller('v1/services')
export class VerifyController {
  constructor(
    private readonly writes: DirectoryWritesService,
    private readonly services: ServicesService,
  ) {}

  @Post(':id/verify')
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({ operationId: 'verifyService', summary: 'Record that a person verified this listing today (stamps assured_date; scope: write)' })
  @ApiParam({ name: 'id', format: 'uuid', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' })
  @ApiOkResponse({ type: Service })
  @ApiProblems(400, 401, 403, 404)
  async verify(
    @Param('id', new ParseIdPipe()) id: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Service> {
    await this.writes.verify(id, actorOf(request));
    const service = await this.services.get(id);
    reply.header('etag', etagOf(service.version));
    return service;
  }
}
