import { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { encodeCursor } from '../../common/pagination/cursor';
import { ExportService } from './export.service';
import { IsCalendarDateTime } from '../../common/validation/calendar-date';

class ExportQuery {
  @ApiProperty({ enum: ['ndjson', 'geojson', 'hsds'], example: 'ndjson' })
  @IsIn(['ndjson', 'geojson', 'hsds'])
  format: 'ndjson' | 'geojson' | 'hsds';

  @ApiProperty({ required: false, format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Only records changed after this instant (ndjson, geojson).' })
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
  @ApiProduces('application/x-ndjson', 'application/geo+json', 'application/json')
  @ApiOkResponse({ description: 'The export.' })
  @ApiProblems(400)
  async export(@Query() query: ExportQuery, @Res() reply: FastifyReply): Promise<void> {
    const since = encodeCursor([await this.exports.feedHead()]);
    reply.header('cache-control', 'no-store').header('x-changes-since', since);
    if (query.format === 'hsds') {
      await reply.type('application/json').send(await this.exports.hsdsPackage());
      return;
    }
    const modifiedAfter = query.modified_after ?? null;
    const body = query.format === 'ndjson' ? this.exports.ndjson(modifiedAfter) : this.exports.geojson(modifiedAfter);
    await reply.type(query.format === 'ndjson' ? 'application/x-ndjson' : 'application/geo+json').send(Readable.from(body));
  }
}
