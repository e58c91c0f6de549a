import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString } from 'class-validator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { RequireScope } from '../auth/require-scope.decorator';
import { actorOf } from '../writes/actor';
import { IMPORT_FORMATS, ImportFormat } from './import-formats';
import { IMPORT_REPORT_SCHEMA } from './import-report.schema';
import { ImportReport } from './import-report';
import { ImportsService } from './imports.service';

class ImportBody {
  @ApiProperty({ enum: IMPORT_FORMATS, example: 'geojson' })
  @IsIn(IMPORT_FORMATS)
  format: ImportFormat;

  @ApiProperty({ required: false, description: 'The file to import, as text (all formats but hsds).', example: '{"type":"FeatureCollection","features":[]}' })
  @IsOptional()
  @IsString()
  content?: string;

  @ApiProperty({
    required: false,
    type: 'object',
    additionalProperties: { type: 'string' },
    description: "hsds: the package's files by name (datapackage.json, organizations.csv, ...).",
    example: { 'datapackage.json': '{...}', 'organizations.csv': 'id,name,...' },
  } as never)
  @IsOptional()
  @IsObject()
  files?: Record<string, string>;

  @ApiProperty({
    required: false,
    type: 'object',
    additionalProperties: true,
    description: 'csv: the column mapping (see docs/import-mapping.example.json).',
  } as never)
  @IsOptional()
  @IsObject()
  mapping?: object;

  @ApiProperty({ required: false, default: false, description: 'Report what would change, write nothing.' })
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;

  @ApiProperty({ required: false, description: 'Reject the whole import if any row is rejected (default: true for hsds, false otherwise).' })
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(200)
  @RequireScope('write')
  @ApiOperation({
    operationId: 'importData',
    summary: 'Import a file in one transaction and report what changed (scope: write)',
    description: 'Same as `npm run import`. `committed: false` with rejected rows means nothing was written. Re-importing the same file reports zero changes.',
  })
  @ApiOkResponse({
    description: 'The import report (rows read, created, updated, unchanged, deleted, rejected rows with line and reason).',
    schema: IMPORT_REPORT_SCHEMA as never,
  })
  @ApiProblems(400, 401, 403)
  run(@Body() body: ImportBody, @Req() request: AuthenticatedRequest): Promise<ImportReport> {
    return this.imports.fromUpload(
      { content: body.content, files: body.files, mapping: body.mapping },
      { format: body.format, dryRun: body.dry_run, strict: body.strict, actor: actorOf(request) },
    );
  }
}
