import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToBoolean, ToDecimal, ToInteger } from '../../common/validation/strict-number';

export const DEFAULT_RADIUS_KM = 15;
export const MAX_RADIUS_KM = 300;
export const MAX_SEARCH_LIMIT = 100;


/**
 * Search parameters, the same for REST (snake_case query string) and GraphQL
 * (camelCase arguments). Shapes are checked here; meaning (exactly one
 * "where", known taxonomy codes, ...) in search-params.ts.
 */
@ArgsType()
export class SearchQuery {
  @ApiProperty({ required: false, example: '32.7495,-96.7657', description: '`latitude,longitude` to search around.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  near?: string;

  @ApiProperty({ required: false, example: '75215', description: 'A US ZIP code, resolved offline to its centroid.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  postal_code?: string;

  @ApiProperty({
    required: false,
    example: '-96.85,32.70,-96.70,32.80',
    description: 'Map viewport `minLng,minLat,maxLng,maxLat`; results ordered by distance from its centre.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  bbox?: string;

  @ApiProperty({
    required: false,
    example: 10,
    description: `Search radius for near/postal_code, in radius_unit. Default ${DEFAULT_RADIUS_KM} km, maximum ${MAX_RADIUS_KM} km.`,
  })
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @ToDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'radius must be a number' })
  radius?: number;

  @ApiProperty({ required: false, enum: ['km', 'mi'], default: 'km' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(['km', 'mi'])
  radius_unit?: 'km' | 'mi';

  @ApiProperty({
    required: false,
    example: 'service.naloxone,service.moud.buprenorphine',
    description: 'Service taxonomy codes, comma-separated (OR). A parent code matches its descendants.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  service?: string;

  @ApiProperty({ required: false, example: 'es,vi', description: "ISO 639 codes (OR), matching the service's or the location's languages." })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  language?: string;

  @ApiProperty({ required: false, example: 'transport.near-public-transit', description: 'transport.* codes (OR).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  transport?: string;

  @ApiProperty({ required: false, example: 'access.walk-in,access.no-id-required', description: 'access.* codes (OR).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  access?: string;

  @ApiProperty({ required: false, example: 'population.youth', description: 'population.* codes (OR).' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  population?: string;

  @ApiProperty({
    required: false,
    example: 'principle.non-judgmental',
    description: "principle.* codes (OR): providers whose declared practices enact the principle.",
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  principle?: string;

  @ApiProperty({ required: false, enum: ['true', 'false'], example: 'true', description: 'Only what is open now, in each location\'s own time zone.' })
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @ToBoolean()
  @IsIn([true, false], { message: 'open_now must be true or false' })
  open_now?: boolean;

  @ApiProperty({
    required: false,
    example: '2026-11-26T21:30:00-06:00',
    description: 'Only what is open at this instant (ISO 8601 with an offset).',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  open_at?: string;

  @ApiProperty({ required: false, example: 'narcan', description: 'Keywords over names and descriptions, tolerant of small typos.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiProperty({ required: false, example: 365, description: 'Only listings a person verified within this many days.' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(36500)
  verified_within_days?: number;

  @ApiProperty({ required: false, minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 20, example: 20 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_LIMIT)
  limit?: number;

  @ApiProperty({ required: false, description: "Opaque cursor from the previous page's next_cursor.", example: 'eyJ2IjoxLCJrIjpbXX0' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** REST only: the response format (also chosen by `Accept: application/geo+json`). */
export class RestSearchQuery extends SearchQuery {
  @ApiProperty({
    required: false,
    enum: ['json', 'geojson', 'text'],
    default: 'json',
    description: 'text: a compact plain-text list to read aloud or paste into an SMS (also Accept: text/plain).',
  })
  @IsOptional()
  @IsIn(['json', 'geojson', 'text'])
  format?: 'json' | 'geojson' | 'text';
}
