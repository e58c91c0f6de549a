import { Int, ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/page';
import { SourceAttribution, Phone, TermRef } from '../records/record-details.model';
import { SERVICE_STATUSES, ServiceStatusEnum } from '../../common/vocabularies';

/** What a provider offers, e.g. a syringe services program (HSDS service). */
@ObjectType()
export class Service {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Field(() => ID, { name: 'organizationId' })
  organization_id: string;

  @ApiProperty({ example: 'Naloxone distribution' })
  @Field()
  name: string;

  @ApiProperty({ example: 'Free naloxone kits and a two-minute how-to. No ID needed. Demo data.' })
  @Field()
  description: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  url: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  email: string | null;

  @ApiProperty({ enum: SERVICE_STATUSES, example: 'active' })
  @Field(() => ServiceStatusEnum)
  status: string;

  @ApiProperty({ type: String, nullable: true, example: 'Anyone; no ID required.' })
  @Field(() => String, { name: 'eligibilityDescription', nullable: true })
  eligibility_description: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Free.' })
  @Field(() => String, { name: 'feesDescription', nullable: true })
  fees_description: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'A temporary notice, e.g. a closure.' })
  @Field(() => String, { nullable: true })
  alert: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2026-10-14', description: 'When a person last verified this listing.' })
  @Field(() => String, { name: 'assuredDate', nullable: true })
  assured_date: string | null;

  @ApiProperty({ type: [String], example: ['en', 'es'], description: 'ISO 639 codes of languages the service is offered in.' })
  @Field(() => [String])
  languages: string[];

  @ApiProperty({ type: [TermRef], description: 'Taxonomy terms: service.*, population.*, access.*.' })
  @Field(() => [TermRef])
  attributes: TermRef[];

  @ApiProperty({ type: [Phone] })
  @Field(() => [Phone])
  phones: Phone[];

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

export const ServicePage = PageOf(Service, 'ServicePage');

@ArgsType()
export class ServiceListQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'Only services of this provider.', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  organization_id?: string;
}
