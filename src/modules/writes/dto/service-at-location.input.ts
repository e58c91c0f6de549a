import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PhoneInput, ScheduleInput } from './shared.input';

/** A link: this service is offered at this location. On create, both ids are required. */
@InputType()
export class ServiceAtLocationInput {
  @ApiProperty({ required: false, format: 'uuid', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' })
  @Field({ nullable: true })
  @IsOptional()
  @IsUUID('all')
  service_id?: string;

  @ApiProperty({ required: false, format: 'uuid', example: '5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b' })
  @Field({ nullable: true })
  @IsOptional()
  @IsUUID('all')
  location_id?: string;

  @ApiProperty({ type: String, required: false, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ required: false, type: [ScheduleInput] })
  @Field(() => [ScheduleInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ScheduleInput)
  schedules?: ScheduleInput[];

  @ApiProperty({ required: false, type: [PhoneInput] })
  @Field(() => [PhoneInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PhoneInput)
  phones?: PhoneInput[];
}
