import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Req, Res, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { headerRefs } from '../../common/openapi/response-headers';
import { ParseIdPipe } from '../../common/validation/id';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequireScope } from '../auth/require-scope.decorator';
import { actorOf } from './actor';
import { DirectoryWritesService } from './directory-writes.service';
import { etagOf } from '../../common/http-etag';
import { Entity } from './write-transaction';

/** How a write controller reads back what it wrote. */
export interface RecordReader<T extends { version: number }> {
  get(id: string): Promise<T>;
}

const IF_MATCH = { name: 'if-match', required: true, description: 'The ETag from your last read of the record.', schema: { type: 'string', example: '"3"' } };

/**
 * REST writes for one kind of record: POST (201 + ETag + Location), PATCH
 * and DELETE (both need If-Match). One factory so the four record kinds
 * share the exact same rules.
 */
export function writeControllerFor<T extends { version: number }>(options: {
  entity: Entity;
  path: string;
  tag: string;
  name: string; // PascalCase, for operation ids
  input: Type<unknown>;
  output: Type<T>;
  reader: Type<RecordReader<T>>;
  /** the ETag of a representation that embeds other records (default: its own version) */
  etag?: (record: T) => string;
}) {
  const { entity, path, input, output, name } = options;
  const etag = options.etag ?? ((record: T) => etagOf(record.version));

  @ApiTags(options.tag)
  @ApiBearerAuth()
  @Controller(`v1/${path}`)
  @RequireScope('write')
  class WriteController {
    constructor(
      readonly writes: DirectoryWritesService,
      readonly reader: RecordReader<T>,
    ) {}

    @Post()
    @ApiOperation({ operationId: `create${name}`, summary: `Create a ${entity.replace(/_/g, ' ')} (scope: write)` })
    @ApiBody({ type: input })
    @ApiCreatedResponse({ type: output, headers: headerRefs('Location', 'ETag') })
    @ApiProblems(400, 401, 403, 409)
    async create(@Body() body: object, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<T> {
      const id = await this.writes.create(entity, body, actorOf(request));
      const record = await this.reader.get(id);
      reply.status(201).header('etag', etag(record)).header('location', `/v1/${path}/${id}`);
      return record;
    }

    @Patch(':id')
    @ApiOperation({ operationId: `update${name}`, summary: `Change some fields of a ${entity.replace(/_/g, ' ')} (scope: write)` })
    @ApiParam({ name: 'id', format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
    @ApiHeader(IF_MATCH)
    @ApiBody({ type: input })
    @ApiOkResponse({ type: output, headers: headerRefs('ETag') })
    @ApiProblems(400, 401, 403, 404, 409, 412, 428)
    async update(
      @Param('id', new ParseIdPipe()) id: string,
      @Headers('if-match') ifMatch: string | undefined,
      @Body() body: object,
      @Req() request: AuthenticatedRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<T> {
      await this.writes.update(entity, id, ifMatch, body, actorOf(request));
      const record = await this.reader.get(id);
      reply.header('etag', etag(record));
      return record;
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiOperation({ operationId: `delete${name}`, summary: `Delete a ${entity.replace(/_/g, ' ')}; it leaves a tombstone in the change feed (scope: write)` })
    @ApiParam({ name: 'id', format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
    @ApiHeader(IF_MATCH)
    @ApiNoContentResponse({ description: 'Deleted' })
    @ApiProblems(400, 401, 403, 404, 412, 428)
    async remove(
      @Param('id', new ParseIdPipe()) id: string,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: AuthenticatedRequest,
    ): Promise<void> {
      await this.writes.remove(entity, id, ifMatch, actorOf(request));
    }
  }
  Object.defineProperty(WriteController, 'name', { value: `${name}WritesController` });
  // The reader is injected by its class, and the global ValidationPipe
  // validates each body against the input class: a factory cannot spell
  // those types in its signatures, so it declares them here.
  Reflect.defineMetadata('design:paramtypes', [DirectoryWritesService, options.reader], WriteController);
  Reflect.defineMetadata('design:paramtypes', [input, Object, Object], WriteController.prototype, 'create');
  Reflect.defineMetadata('design:paramtypes', [String, String, input, Object, Object], WriteController.prototype, 'update');
  return WriteController;
}
