import { ArgsType, Field, Float, Int } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToBoolean, ToDecimal, ToInteger } from '../../common/validation/strict-number';
import { RADIUS_UNITS, RadiusUnitEnum } from '../../common/vocabularies';

export const DEFAULT_RADIUS_KM = 15;
export const MAX_RADIUS_KM = 300;
export const MAX_SEARCH_LIMIT = 100;

const FILTER_RULE =
  'Comma-separated values OR; repeat the parameter to AND (`access=access.walk-in&access=access.free`: both). ' +
  'In GraphQL, each list item is one comma-separated group.';

/** A code filter: a string, or (REST: the parameter repeated; GraphQL: a list) several, which AND. */
function FilterParam(example: string, description: string, maxLength: number): PropertyDecorator {
  const decorators = [
    ApiProperty({
      required: false,
      type: [String],
      example: [example],
      description: `${description} ${FILTER_RULE}`,
      // form + explode: `?access=a&access=b` (OpenAPI's default for query arrays, stated for generators)
      style: 'form',
      explode: true,
    } as Parameters<typeof ApiProperty>[0]),
    Field(() => [String], { nullable: true, description: `${description} ${FILTER_RULE}` }),
    IsOptional(),
    IsString({ each: true }),
    MaxLength(maxLength, { each: true }),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

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

  @ApiProperty({
    required: false,
    example: '75215',
    description:
      "A US ZIP code (ZIP+4 too), resolved offline: the Census ZCTA point, or the post office's town for PO-box and unique ZIPs. page.origin tells the point and its precision. Military APO/FPO/DPO ZIPs: 400.",
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  postal_code?: string;

  @ApiProperty({
    required: false,
    example: 'Dallas, TX',
    description:
      "A US city or town, 'City, ST' (or the state's name), resolved offline (GeoNames gazetteer). A name found in several states without one: 400 listing them.",
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  place?: string;

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
    description: `Search radius for near/postal_code/place, in radius_unit. Default ${DEFAULT_RADIUS_KM} km, maximum ${MAX_RADIUS_KM} km.`,
  })
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @ToDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'radius must be a number' })
  radius?: number;

  @ApiProperty({ required: false, enum: RADIUS_UNITS, default: 'km' })
  @Field(() => RadiusUnitEnum, { nullable: true })
  @IsOptional()
  @IsIn(RADIUS_UNITS)
  radius_unit?: (typeof RADIUS_UNITS)[number];

  @FilterParam('service.naloxone,service.moud.buprenorphine', 'Service taxonomy codes. A parent code matches its descendants.', 1000)
  service?: string | string[];

  @FilterParam('es,vi', "ISO 639 codes, BCP 47 tags (es-MX) or FindTreatment.gov codes (SP), matching the service's or the location's languages.", 200)
  language?: string | string[];

  @FilterParam('transport.near-public-transit', 'transport.* codes.', 1000)
  transport?: string | string[];

  @FilterParam('access.walk-in', 'access.* codes.', 1000)
  access?: string | string[];

  @FilterParam('population.youth', 'population.* codes.', 1000)
  population?: string | string[];

  @FilterParam('principle.non-judgmental', 'principle.* codes: providers whose declared practices enact the principle.', 1000)
  principle?: string | string[];

  @ApiProperty({ required: false, enum: ['true', 'false'], example: 'true', description: "Only what is open now, in each location's own time zone." })
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

  @ApiProperty({
    required: false,
    example: 'narcan',
    description:
      'Keywords over names, descriptions and taxonomy terms with their brand and common names in English and Spanish (narcan, suboxone, needle exchange), tolerant of small typos.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiProperty({ type: 'integer', required: false, example: 365, description: 'Only listings a person verified within this many days.' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(36500)
  verified_within_days?: number;

  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 20, example: 20 })
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

  @ApiProperty({ required: false, enum: ['en', 'es'], default: 'en', description: 'Language of the text format.' })
  @IsOptional()
  @IsIn(['en', 'es'])
  lang?: 'en' | 'es';
}
