import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination/page';
import { Location } from '../locations/location.model';
import { Phone, Schedule } from '../records/record-details.model';
import { Service } from '../services/service.model';

/** A service offered at a location, with its own hours: the unit a search returns. */
@ObjectType()
export class ServiceAtLocation {
  @ApiProperty({ format: 'uuid' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ format: 'uuid' })
  @Field(() => ID, { name: 'serviceId' })
  service_id: string;

  @ApiProperty({ format: 'uuid' })
  @Field(() => ID, { name: 'locationId' })
  location_id: string;

  @ApiProperty({ type: String, nullable: true, example: null })
  @Field(() => String, { nullable: true })
  description: string | null;

  @ApiProperty({
    type: 'integer',
    example: 1,
    description:
      'Increments on every change of this link. REST If-Match takes the ETag header (it also names the service and location versions, e.g. "sal1-s3-l7"); GraphQL ifMatch takes this version.',
  })
  @Field(() => Int)
  version: number;

  @ApiProperty({ format: 'date-time' })
  @Field({ name: 'lastModified' })
  last_modified: string;

  @ApiProperty({ type: Service })
  @Field(() => Service)
  service: Service;

  @ApiProperty({ type: Location })
  @Field(() => Location)
  location: Location;

  @ApiProperty({ type: [Schedule], description: 'When this service is offered here (weekly, local time).' })
  @Field(() => [Schedule])
  schedules: Schedule[];

  @ApiProperty({
    type: [Phone],
    description: "Every number for this service here: its own, then the service's, then the location's.",
  })
  @Field(() => [Phone])
  phones: Phone[];
}

export const ServiceAtLocationPage = PageOf(ServiceAtLocation, 'ServiceAtLocationPage');

@ArgsType()
export class ServiceAtLocationListQuery extends PageQuery {
  @ApiProperty({ required: false, format: 'uuid', description: 'Only this service.', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  service_id?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'Only this location.', example: '5e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b' })
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  location_id?: string;
}
