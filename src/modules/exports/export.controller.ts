import { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ndjsonContent } from '../../common/openapi/media-types';
import { headerRefs } from '../../common/openapi/response-headers';
import { encodeFeedPosition } from '../sync/feed-position';
import { ExportService } from './export.service';
import { IsCalendarDateTime } from '../../common/validation/calendar-date';
import { inCurrentReadContext } from '../../database/replicas/read-context';

class ExportQuery {
  @ApiProperty({ enum: ['ndjson', 'geojson', 'hsds'], example: 'ndjson' })
  @IsIn(['ndjson', 'geojson', 'hsds'])
  format: 'ndjson' | 'geojson' | 'hsds';

  @ApiProperty({
    required: false,
    format: 'date-time',
    example: '2026-11-01T00:00:00Z',
    description: 'Only records changed after this instant (ndjson, geojson).',
  })
  @IsOptional()
  @IsCalendarDateTime()
  modified_after?: string;
}

@ApiTags('sync')
@Controller('v1/export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get()
  @ApiOperation({
    operationId: 'exportDirectory',
    summary: 'The whole directory: NDJSON or GeoJSON (streamed), or an HSDS 3.0 tabular package',
    description:
      'ndjson: one {"type","record"} per line (organizations, services, locations, service_at_locations). ' +
      'geojson: a FeatureCollection of locations. hsds: {file name: text}, which POST /v1/imports accepts as `files`. ' +
      'The X-Changes-Since header is the change-feed position at the start: follow GET /v1/changes from there.',
  })
  @ApiOkResponse({
    description: 'The export, in the format asked for.',
    headers: headerRefs('X-Changes-Since'),
    content: {
      ...ndjsonContent(
        {
          type: 'object',
          required: ['type', 'record'],
          properties: {
            type: { type: 'string', enum: ['organization', 'service', 'location', 'service_at_location'] },
            record: { type: 'object', description: 'The record as GET /v1/{type}s/{id} returns it.' },
          },
        },
        'format=ndjson, one {"type","record"} per line',
      ),
      'application/geo+json': {
        schema: {
          type: 'object',
          description: 'format=geojson: an RFC 7946 FeatureCollection, one Feature per location.',
          required: ['type', 'features'],
          properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } } },
        },
      },
      'application/json': {
        schema: {
          type: 'object',
          description: 'format=hsds: an HSDS 3.0 tabular package, {file name: CSV or JSON text}; POST /v1/imports accepts it as `files`.',
          additionalProperties: { type: 'string' },
        },
      },
    },
  })
  @ApiProblems(400)
  async export(@Query() query: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const since = encodeFeedPosition({ kind: 'log', seq: await this.exports.feedHead() });
    reply.header('cache-control', 'no-store').header('x-changes-since', since);
    if (query.format === 'hsds') {
      await reply.type('application/json').send(await this.exports.hsdsPackage());
      return;
    }
    const modifiedAfter = query.modified_after ?? null;
    const batches = query.format === 'ndjson' ? this.exports.ndjson(modifiedAfter) : this.exports.geojson(modifiedAfter);
    // the socket pulls the stream: keep its reads on the replica the feed head came from (never behind it)
    const body = inCurrentReadContext(batches);
    await reply.type(query.format === 'ndjson' ? 'application/x-ndjson' : 'application/geo+json').send(Readable.from(body));
  }
}
