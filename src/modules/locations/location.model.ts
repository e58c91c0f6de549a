import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { GeoJSONGeometry, GeoJSONScalar } from '../../common/geo/geojson.scalar';
import { PageOf, PageQuery } from '../../common/pagination/page';
import { SourceAttribution, Phone, Schedule, TermRef } from '../records/record-details.model';
import { ADDRESS_VISIBILITIES, AddressVisibilityEnum, LOCATION_TYPES, LocationTypeEnum } from '../../common/vocabularies';

@ObjectType()
export class Address {
  @ApiProperty({ type: String, nullable: true, example: '1200 Example Ave', description: 'Null when the exact address is hidden.' })
  @Field(() => String, { name: 'address1', nullable: true })
  address_1: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { name: 'address2', nullable: true })
  address_2: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Dallas' })
  @Field(() => String, { nullable: true })
  city: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'TX' })
  @Field(() => String, { name: 'stateProvince', nullable: true })
  state_province: string | null;

  @ApiProperty({ type: String, nullable: true, example: '75215' })
  @Field(() => String, { name: 'postalCode', nullable: true })
  postal_code: string | null;

  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2.' })
  @Field()
  country: string;
}

const POINT_SCHEMA = {
  type: 'object',
  nullable: true,
  description: 'GeoJSON Point, [longitude, latitude]. Coarsened to a ~2 km grid when the address is hidden.',
  properties: {
    type: { type: 'string', enum: ['Point'] },
    coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
  },
  example: { type: 'Point', coordinates: [-96.7657, 32.7495] },
} as const;

/** A place where services are offered: a fixed site, a mobile stop, or a by-mail program. */
@ObjectType()
export class Location {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Field(() => ID, { name: 'organizationId' })
  organization_id: string;

  @ApiProperty({ enum: LOCATION_TYPES, example: 'physical', description: 'physical site, mobile/outreach, or virtual/by mail.' })
  @Field(() => LocationTypeEnum, { name: 'locationType' })
  location_type: string;

  @ApiProperty({ example: 'South Dallas drop-in center' })
  @Field()
  name: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  description: string | null;

  @ApiProperty(POINT_SCHEMA)
  @Field(() => GeoJSONScalar, { nullable: true })
  geometry: GeoJSONGeometry | null;

  @ApiProperty({
    enum: ADDRESS_VISIBILITIES,
    example: 'public',
    description: "'approximate': the exact address is withheld; geometry and address show only the area.",
  })
  @Field(() => AddressVisibilityEnum, { name: 'addressVisibility' })
  address_visibility: string;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'How far (meters) the true site may be from geometry; null when geometry is exact.',
  })
  @Field(() => Int, { name: 'locationPrecisionM', nullable: true })
  location_precision_m: number | null;

  @ApiProperty({ type: Address, nullable: true })
  @Field(() => Address, { nullable: true })
  address: Address | null;

  @ApiProperty({
    type: 'object',
    nullable: true,
    description: 'GeoJSON MultiPolygon the program reaches (mobile and by-mail programs).',
    additionalProperties: true,
    example: null,
  } as never)
  @Field(() => GeoJSONScalar, { name: 'serviceArea', nullable: true })
  service_area: GeoJSONGeometry | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { name: 'serviceAreaDescription', nullable: true })
  service_area_description: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Step-free entrance; accessible restroom.' })
  @Field(() => String, { nullable: true })
  accessibility: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'DART bus 19 stops at the door.' })
  @Field(() => String, { nullable: true })
  transportation: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Hours as the source wrote them, when they could not be read into schedules.' })
  @Field(() => String, { name: 'hoursDescription', nullable: true })
  hours_description: string | null;

  @ApiProperty({ example: false, description: 'true when the point was geocoded from a ZIP centroid, not the site itself.' })
  @Field({ name: 'coordinatesApproximate' })
  coordinates_approximate: boolean;

  @ApiProperty({ type: [String], example: ['en', 'es'] })
  @Field(() => [String])
  languages: string[];

  @ApiProperty({ type: [TermRef], description: 'Taxonomy terms: access.* and transport.*.' })
  @Field(() => [TermRef])
  attributes: TermRef[];

  @ApiProperty({ type: [Phone] })
  @Field(() => [Phone])
  phones: Phone[];

  @ApiProperty({ type: [Schedule], description: 'Opening hours of the site itself.' })
  @Field(() => [Schedule])
  schedules: Schedule[];

  @ApiProperty({ type: SourceAttribution, nullable: true, description: 'Where the record came from and its licence; null when entered through this API.' })
  @Field(() => SourceAttribution, { nullable: true })
  source: SourceAttribution | null;

  @ApiProperty({ type: 'integer', example: 3, description: 'Increments on every change; the ETag to send in If-Match.' })
  @Field(() => Int)
  version: number;

  @ApiProperty({ format: 'date-time' })
  @Field({ name: 'lastModified' })
  last_modified: string;
}

export const LocationPage = PageOf(Location, 'LocationPage');

@ArgsType()
export class LocationListQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'Only locations of this provider.', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  organization_id?: string;

  @ApiProperty({ required: false, enum: LOCATION_TYPES, example: 'mobile' })
  @Field(() => LocationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(LOCATION_TYPES)
  location_type?: string;
}
