import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../../common/validation/calendar-date';
import { PhoneInput } from './shared.input';
import { SERVICE_STATUSES, ServiceStatusEnum } from '../../../common/vocabularies';

/** A service. On create, organization_id and name are required. */
@InputType()
export class ServiceInput {
  @ApiProperty({ required: false, format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @Field({ nullable: true })
  @IsOptional()
  @IsUUID('all')
  organization_id?: string;

  @ApiProperty({ required: false, example: 'Naloxone distribution' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiProperty({ required: false, example: 'Free naloxone kits, no ID needed.' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ required: false, enum: SERVICE_STATUSES, example: 'active' })
  @Field(() => ServiceStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(SERVICE_STATUSES)
  status?: string;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'Anyone; no ID required.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  eligibility_description?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'Free.' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  fees_description?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  alert?: string | null;

  @ApiProperty({
    type: String,
    required: false,
    nullable: true,
    format: 'date',
    example: '2026-11-01',
    description: 'When a person last checked this listing (YYYY-MM-DD, not in the future).',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate({ notFuture: true })
  assured_date?: string | null;

  @ApiProperty({ required: false, type: [String], example: ['en', 'es'] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  languages?: string[];

  @ApiProperty({ required: false, type: [String], example: ['service.naloxone.distribution'] })
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
}
