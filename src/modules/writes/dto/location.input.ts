import { Field, Float, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from '../../../common/graphql/json-object.scalar';
import { IsServiceArea } from './service-area';
import { PhoneInput, ScheduleInput } from './shared.input';
import { ADDRESS_VISIBILITIES, AddressVisibilityEnum, LOCATION_TYPES, LocationTypeEnum } from '../../../common/vocabularies';

@InputType()
export class AddressInput {
  @ApiProperty({ type: String, required: false, nullable: true, example: '1200 Example Ave' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address_1?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address_2?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'Dallas' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  city?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'TX' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  state_province?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: '75215' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  postal_code?: string | null;

  @ApiProperty({ required: false, example: 'US' })
  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as US' })
  country?: string;
}

/** A location. On create, organization_id, location_type and name are required. */
@InputType()
export class LocationInput {
  @ApiProperty({ required: false, format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @Field({ nullable: true })
  @IsOptional()
  @IsUUID('all')
  organization_id?: string;

  @ApiProperty({ required: false, enum: LOCATION_TYPES, example: 'physical' })
  @Field(() => LocationTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(LOCATION_TYPES)
  location_type?: string;

  @ApiProperty({ required: false, example: 'South Dallas drop-in center' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiProperty({ type: Number, required: false, nullable: true, example: 32.7495 })
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'latitude must be a finite number' })
  @Min(-90, { message: 'latitude must be between -90 and 90' })
  @Max(90, { message: 'latitude must be between -90 and 90' })
  latitude?: number | null;

  @ApiProperty({ type: Number, required: false, nullable: true, example: -96.7657 })
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'longitude must be a finite number' })
  @Min(-180, { message: 'longitude must be between -180 and 180' })
  @Max(180, { message: 'longitude must be between -180 and 180' })
  longitude?: number | null;

  @ApiProperty({
    required: false,
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'GeoJSON Polygon or MultiPolygon the program reaches: closed rings of [longitude, latitude] in WGS84, only the members type and coordinates.',
    example: null,
  } as never)
  @Field(() => GraphQLJSONObject, { nullable: true })
  @IsOptional()
  @IsServiceArea()
  service_area?: { type: string; coordinates: unknown } | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  service_area_description?: string | null;

  @ApiProperty({ required: false, type: AddressInput })
  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput;

  @ApiProperty({ required: false, enum: ADDRESS_VISIBILITIES, example: 'public' })
  @Field(() => AddressVisibilityEnum, { nullable: true })
  @IsOptional()
  @IsIn(ADDRESS_VISIBILITIES)
  address_visibility?: string;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'Step-free entrance.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  accessibility?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'Bus 19 stops at the door.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  transportation?: string | null;

  @ApiProperty({ required: false, type: [String], example: ['en', 'es'] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  languages?: string[];

  @ApiProperty({ required: false, type: [String], example: ['access.walk-in', 'transport.near-public-transit'] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  attributes?: string[];

  @ApiProperty({ required: false, type: [PhoneInput] })
  @Field(() => [PhoneInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PhoneInput)
  phones?: PhoneInput[];

  @ApiProperty({ required: false, type: [ScheduleInput] })
  @Field(() => [ScheduleInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScheduleInput)
  schedules?: ScheduleInput[];
}
