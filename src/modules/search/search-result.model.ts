import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Location } from '../locations/location.model';
import { Organization } from '../organizations/organization.model';
import { Phone, Schedule, TermRef } from '../records/record-details.model';
import { Service } from '../services/service.model';

export const REACH = ['on_site', 'mobile', 'by_mail'] as const;

/** One search hit: a service at a location, with what a caller needs first. */
@ObjectType()
export class SearchResult {
  @ApiProperty({ format: 'uuid', description: 'The service_at_location id.' })
  @Field(() => ID)
  id: string;

  @ApiProperty({
    enum: REACH,
    example: 'on_site',
    description: 'on_site: go there; mobile: an outreach stop or van that serves this area; by_mail: ships to this area.',
  })
  @Field()
  reach: string;

  @ApiProperty({
    example: 1234.5,
    description: 'Geodesic distance (WGS84) in meters. 0 when the program reaches the caller through its service area; rounded to 100 m for hidden-address sites.',
  })
  @Field(() => Float, { name: 'distanceM' })
  distance_m: number;

  @ApiProperty({ type: Boolean, nullable: true, example: true, description: 'Open at the time asked (now, or open_at); null when no hours are listed.' })
  @Field(() => Boolean, { name: 'openNow', nullable: true })
  open_now: boolean | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2026-11-27T15:00:00Z', description: 'Next opening (UTC) when closed; null when open or without hours.' })
  @Field(() => String, { name: 'nextOpensAt', nullable: true })
  next_opens_at: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date', example: '2026-10-14', description: 'When a person last verified the listing.' })
  @Field(() => String, { name: 'assuredDate', nullable: true })
  assured_date: string | null;

  @ApiProperty({ type: [String], example: ['en', 'es'], description: 'Languages of the service and the location.' })
  @Field(() => [String])
  languages: string[];

  @ApiProperty({ type: [TermRef], description: 'access.* and transport.* terms of the service and the location.' })
  @Field(() => [TermRef])
  access: TermRef[];

  @ApiProperty({ type: [Schedule], description: 'Weekly hours in the location\'s time zone.' })
  @Field(() => [Schedule])
  schedules: Schedule[];

  @ApiProperty({ type: [Phone], description: 'Every number: this service here, the service, the location.' })
  @Field(() => [Phone])
  phones: Phone[];

  @ApiProperty({ type: Service })
  @Field(() => Service)
  service: Service;

  @ApiProperty({ type: Location })
  @Field(() => Location)
  location: Location;

  @ApiProperty({ type: Organization })
  @Field(() => Organization)
  organization: Organization;
}

@ObjectType()
export class SearchPageInfo {
  @ApiProperty({ example: 20 })
  @Field(() => Float)
  limit: number;

  @ApiProperty({ type: String, nullable: true })
  @Field(() => String, { name: 'nextCursor', nullable: true })
  next_cursor: string | null;
}

@ObjectType()
export class SearchPage {
  @ApiProperty({ type: [SearchResult] })
  @Field(() => [SearchResult])
  data: SearchResult[];

  @ApiProperty({ type: SearchPageInfo })
  @Field(() => SearchPageInfo)
  page: SearchPageInfo;
}
