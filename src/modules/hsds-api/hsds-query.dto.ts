import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ToBoolean, ToDecimal, ToInteger } from '../../common/validation/strict-number';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './hsds-page';
import { IsCalendarDateTime } from '../../common/validation/calendar-date';

/**
 * Query parameters of the HSDS 3.0 API (openapi.json components.parameters),
 * one class per endpoint so each accepts exactly the parameters HSDS gives it
 * (the global ValidationPipe rejects any other with a 400).
 */

export const HSDS_FORMATS = ['json', 'ndjson'] as const;
/** A taxonomy term: its HSDS id (UUID) or our code, e.g. service.naloxone. */
export const TERM_REF_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]+(\.[a-z0-9-]+)*)$/i;
/** Largest proximity, in meters (as /v1/search: 300 km). */
export const MAX_PROXIMITY_M = 300_000;

const boolean = (name: string) => IsIn([true, false], { message: `${name} must be true or false` });

/** search, page, per_page, format: every HSDS list. */
export class HsdsListQuery {
  @ApiProperty({
    required: false,
    example: 'naloxone',
    description:
      "Words to find, case-insensitive, every word: in names and descriptions (a service's also in its organization's name; a service_at_location's also in its location's).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, default: 1, example: 1, description: 'Page number, 1-based.' })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'page must be an integer' })
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiProperty({
    type: 'integer',
    required: false,
    minimum: 1,
    maximum: MAX_PER_PAGE,
    default: DEFAULT_PER_PAGE,
    example: 50,
    description: `Records per page, 1-${MAX_PER_PAGE}.`,
  })
  @IsOptional()
  @ToInteger()
  @IsInt({ message: 'per_page must be an integer' })
  @Min(1)
  @Max(MAX_PER_PAGE)
  per_page?: number;

  @ApiProperty({
    required: false,
    enum: HSDS_FORMATS,
    default: 'json',
    example: 'json',
    description: 'json: an HSDS page. ndjson: every matching record, one JSON object per line, no envelope and no paging (application/x-ndjson).',
  })
  @IsOptional()
  @IsIn(HSDS_FORMATS)
  format?: (typeof HSDS_FORMATS)[number];
}

export class HsdsOrganizationListQuery extends HsdsListQuery {
  @ApiProperty({ required: false, example: false, description: 'true: fully nested organizations (phones, attributes, locations, services).' })
  @IsOptional()
  @ToBoolean()
  @boolean('full')
  full?: boolean;

  @ApiProperty({ required: false, example: false, description: 'true: with full (nested) services instead of their one-to-one fields. Implies full.' })
  @IsOptional()
  @ToBoolean()
  @boolean('full_service')
  full_service?: boolean;

  @ApiProperty({ required: false, format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Only organizations modified on or after this instant.' })
  @IsOptional()
  @IsCalendarDateTime()
  modified_after?: string;
}

export class HsdsOrganizationQuery {
  @ApiProperty({ required: false, example: false, description: 'true: the services array holds full (nested) services.' })
  @IsOptional()
  @ToBoolean()
  @boolean('full_service')
  full_service?: boolean;
}

/** The filters services and service_at_locations share. */
export class HsdsFilteredListQuery extends HsdsListQuery {
  @ApiProperty({
    required: false,
    example: 'service.naloxone',
    description: 'A taxonomy term id (UUID, see /hsds/taxonomy_terms) or code. Matches the term and its descendants.',
  })
  @IsOptional()
  @IsString()
  @Matches(TERM_REF_PATTERN, { message: 'taxonomy_term_id must be a taxonomy term id (UUID) or code such as service.naloxone' })
  taxonomy_term_id?: string;

  @ApiProperty({
    required: false,
    format: 'uuid',
    example: '660aa37c-ba31-542f-85ff-fd6621d465dd',
    description: 'Only records with a term of this taxonomy (see /hsds/taxonomies).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  taxonomy_id?: string;

  @ApiProperty({ required: false, format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01', description: 'Only services of this organization.' })
  @IsOptional()
  @IsUUID('all', { message: 'organization_id must be a UUID' })
  organization_id?: string;

  @ApiProperty({ required: false, format: 'date-time', example: '2026-11-01T00:00:00Z', description: 'Only records modified on or after this instant.' })
  @IsOptional()
  @IsCalendarDateTime()
  modified_after?: string;

  @ApiProperty({ required: false, example: false, description: 'true: fully nested records instead of their one-to-one fields.' })
  @IsOptional()
  @ToBoolean()
  @boolean('full')
  full?: boolean;
}

export class HsdsServiceListQuery extends HsdsFilteredListQuery {
  @ApiProperty({ required: false, example: false, description: "true: only each service's id and last_modified." })
  @IsOptional()
  @ToBoolean()
  @boolean('minimal')
  minimal?: boolean;
}

export class HsdsServiceAtLocationListQuery extends HsdsFilteredListQuery {
  @ApiProperty({
    required: false,
    example: '75215',
    description:
      'A US ZIP code. Alone: services at locations in that ZIP or whose service area covers its centroid. ' +
      'With proximity: locations within proximity meters of its centroid, and programs whose service area covers it; nearest first.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  postcode?: string;

  @ApiProperty({ required: false, example: 5000, description: `Meters from the postcode's centroid (needs postcode), at most ${MAX_PROXIMITY_M}.` })
  @IsOptional()
  @ToDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'proximity must be a number of meters' })
  @Min(1)
  @Max(MAX_PROXIMITY_M)
  proximity?: number;
}

export class HsdsTaxonomyTermListQuery extends HsdsListQuery {
  @ApiProperty({ required: false, format: 'uuid', example: '660aa37c-ba31-542f-85ff-fd6621d465dd', description: 'Only terms of this taxonomy.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  taxonomy_id?: string;

  @ApiProperty({ required: false, example: true, description: 'true: only top-level terms (no parent).' })
  @IsOptional()
  @ToBoolean()
  @boolean('top_only')
  top_only?: boolean;

  @ApiProperty({ required: false, example: 'service.moud', description: 'Only the direct children of this term (its id or code).' })
  @IsOptional()
  @IsString()
  @Matches(TERM_REF_PATTERN, { message: 'parent_id must be a taxonomy term id (UUID) or code such as service.moud' })
  parent_id?: string;
}
