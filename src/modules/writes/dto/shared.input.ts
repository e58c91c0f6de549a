import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsPhoneNumberText } from '../../../common/phones/is-phone-number';
import { IsCalendarDate, IsNotBefore } from '../../../common/validation/calendar-date';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DAY_CODES, DayCodeEnum, PHONE_TYPES, PhoneTypeEnum } from '../../../common/vocabularies';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

@InputType()
export class PhoneInput {
  @ApiProperty({
    example: '+1 214-555-0142',
    description:
      'Any common way of writing it ((214) 555-0142, 214.555.0142 x12); numbers without +country code are read as US. Stored in E.164, with the text as sent kept in original_text.',
  })
  @Field()
  @IsString()
  @MaxLength(40)
  @IsPhoneNumberText()
  number: string;

  @ApiProperty({ required: false, enum: PHONE_TYPES, default: 'voice' })
  @Field(() => PhoneTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(PHONE_TYPES)
  type?: string;

  @ApiProperty({ required: false, example: '12' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  extension?: string;

  @ApiProperty({ required: false, example: 'Text for a delivery' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiProperty({ required: false, type: [String], example: ['en', 'es'] })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  languages?: string[];
}

@InputType()
export class ScheduleInput {
  @ApiProperty({ enum: DAY_CODES, isArray: true, example: ['MO', 'TU', 'WE', 'TH', 'FR'] })
  @Field(() => [DayCodeEnum])
  @IsArray()
  @IsIn(DAY_CODES, { each: true })
  byday: string[];

  @ApiProperty({ example: '09:00' })
  @Field()
  @Matches(HH_MM, { message: 'opens_at must be HH:MM' })
  opens_at: string;

  @ApiProperty({ example: '17:00', description: 'Earlier than opens_at: closes the next day; 24:00: end of day.' })
  @Field()
  @Matches(HH_MM, { message: 'closes_at must be HH:MM (24:00 for end of day)' })
  closes_at: string;

  @ApiProperty({ example: 'America/Chicago' })
  @Field()
  @IsString()
  @MaxLength(64)
  timezone: string;

  @ApiProperty({
    type: String,
    required: false,
    nullable: true,
    format: 'date',
    example: '2026-06-01',
    description: 'First day these hours apply (YYYY-MM-DD); omit for always.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  valid_from?: string | null;

  @ApiProperty({
    type: String,
    required: false,
    nullable: true,
    format: 'date',
    example: '2026-08-31',
    description: 'Last day these hours apply (YYYY-MM-DD), not before valid_from.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('valid_from')
  valid_to?: string | null;

  @ApiProperty({ required: false, example: 'Closed on federal holidays' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}
