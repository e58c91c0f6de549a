import { ID, Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { DAY_CODES, DayCodeEnum, PHONE_TYPES, PhoneTypeEnum, SCHEDULE_FREQUENCIES, ScheduleFrequencyEnum } from '../../common/vocabularies';

/** A taxonomy term attached to a record (an HSDS attribute), by code and label. */
@ObjectType()
export class TermRef {
  @ApiProperty({ example: 'service.naloxone.distribution' })
  @Field()
  code: string;

  @ApiProperty({ example: 'Naloxone distribution' })
  @Field()
  name: string;
}

@ObjectType()
export class Phone {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ example: '+12145550142', description: 'E.164: + country code and number, digits only.' })
  @Field()
  number: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '(214) 555-0142',
    description: 'The number as the source or the caller wrote it, when that differs from `number`; null otherwise.',
  })
  @Field(() => String, { name: 'originalText', nullable: true })
  original_text: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  extension: string | null;

  @ApiProperty({ enum: PHONE_TYPES, example: 'voice' })
  @Field(() => PhoneTypeEnum)
  type: string;

  @ApiProperty({ type: String, nullable: true, example: 'Front desk' })
  @Field(() => String, { nullable: true })
  description: string | null;

  @ApiProperty({ type: [String], description: 'ISO 639 codes of languages spoken on this line.', example: ['en', 'es'] })
  @Field(() => [String])
  languages: string[];
}

/** One weekly opening interval, in the location's IANA time zone. */
@ObjectType()
export class Schedule {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ enum: SCHEDULE_FREQUENCIES, example: 'WEEKLY' })
  @Field(() => ScheduleFrequencyEnum)
  freq: string;

  @ApiProperty({ enum: DAY_CODES, isArray: true, example: ['MO', 'TU', 'WE', 'TH', 'FR'], description: 'iCalendar day codes.' })
  @Field(() => [DayCodeEnum])
  byday: string[];

  @ApiProperty({ example: '09:00', description: 'Local opening time (HH:MM).' })
  @Field({ name: 'opensAt' })
  opens_at: string;

  @ApiProperty({
    example: '17:00',
    description: 'Local closing time (HH:MM). Earlier than opens_at: closes the next day. 24:00: end of day.',
  })
  @Field({ name: 'closesAt' })
  closes_at: string;

  @ApiProperty({ example: 'America/Chicago', description: 'IANA time zone.' })
  @Field()
  timezone: string;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: null })
  @Field(() => String, { name: 'validFrom', nullable: true })
  valid_from: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: null })
  @Field(() => String, { name: 'validTo', nullable: true })
  valid_to: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Closed on federal holidays' })
  @Field(() => String, { nullable: true })
  notes: string | null;
}

/** Where a record came from and under which licence (null: entered through this API). */
@ObjectType()
export class SourceAttribution {
  @ApiProperty({ example: 'samhsa-otp-2022' })
  @Field()
  id: string;

  @ApiProperty({ example: 'SAMHSA opioid treatment program directory (2022)' })
  @Field()
  name: string;

  @ApiProperty({ example: 'Public domain (US federal data)' })
  @Field()
  licence: string;

  @ApiProperty({ example: 'SAMHSA via the Opioid Environment Policy Scan (OEPS)' })
  @Field()
  attribution: string;
}
