import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ToInteger } from '../../common/validation/strict-number';

export class ChangesQuery {
  @ApiProperty({
    required: false,
    example: 'eyJ2IjoxLCJrIjpbMTJdfQ',
    description: 'next_since from the previous response; omit to start from the beginning: every live record, then the changes since.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  since?: string;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: 1000, default: 100, example: 100 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class Change {
  @ApiProperty({
    type: 'integer',
    example: 1042,
    description:
      'Position in the change log (commit order); for the records listed first to a reader who started without `since`, the position that listing starts from.',
  })
  seq: number;
  @ApiProperty({ format: 'date-time', description: 'When the change was made; for a listed record, when it last changed.' }) at: string;
  @ApiProperty({ enum: ['organization', 'service', 'location', 'service_at_location'] }) entity: string;
  @ApiProperty({ format: 'uuid' }) entity_id: string;
  @ApiProperty({ enum: ['create', 'update', 'delete'], description: 'create or update: fetch the record by id; delete is a tombstone: drop the record.' })
  op: string;
}

export class ChangePage {
  @ApiProperty({ type: [Change] }) data: Change[];
  @ApiProperty({ description: 'Pass as `since` to continue; stable even when there is nothing new yet.' }) next_since: string;
  @ApiProperty({ description: 'More changes are waiting: call again at once.' }) has_more: boolean;
}

export class AuditQuery {
  @ApiProperty({ required: false, example: 'eyJ2IjoxLCJrIjpbMTJdfQ' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: 500, default: 50, example: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiProperty({ required: false, enum: ['organization', 'service', 'location', 'service_at_location', 'api_key', 'import'], example: 'service' })
  @IsOptional()
  @IsIn(['organization', 'service', 'location', 'service_at_location', 'api_key', 'import'])
  entity?: string;

  @ApiProperty({ required: false, format: 'uuid', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' })
  @IsOptional()
  @IsUUID('all')
  entity_id?: string;
}

export class AuditEntry {
  @ApiProperty({ type: 'integer', example: 77 }) id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The API key that made the change (null: command line).' }) api_key_id:
    string | null;
  @ApiProperty({ example: 'key:county-sync' }) actor: string;
  @ApiProperty({ enum: ['create', 'update', 'delete', 'verify', 'import'] }) action: string;
  @ApiProperty({ example: 'service' }) entity: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) entity_id: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) import_id: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true } as never) before: unknown;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true } as never) after: unknown;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntry] }) data: AuditEntry[];
  @ApiProperty({ type: String, nullable: true }) next_cursor: string | null;
}
