import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Location } from '../locations/location.model';
import { Organization } from '../organizations/organization.model';
import { Phone, Schedule, TermRef } from '../records/record-details.model';
import { Service } from '../services/service.model';
import { ORIGIN_SOURCES, OriginSourceEnum, PLACE_REACH, PlaceReachEnum, REACHING_REACH, ReachingReachEnum } from '../../common/vocabularies';

/** What every listing carries, a place to go to or a program that reaches the caller. */
@ObjectType({ isAbstract: true })
abstract class Listing {
  @ApiProperty({ format: 'uuid', description: 'The service_at_location id.' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ type: Boolean, nullable: true, example: true, description: 'Open at the time asked (now, or open_at); null when no hours are listed.' })
  @Field(() => Boolean, { name: 'openNow', nullable: true })
  open_now: boolean | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    example: '2026-11-27T15:00:00Z',
    description: 'Next opening (UTC) when closed; null when open or without hours.',
  })
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

  @ApiProperty({ type: [Schedule], description: "Weekly hours in the location's time zone." })
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

/** A place a person can go to: a fixed site, or a mobile program's stop. */
@ObjectType()
export class SearchResult extends Listing {
  @ApiProperty({ enum: PLACE_REACH, example: 'on_site', description: 'on_site: a fixed site; mobile: an outreach stop or van.' })
  @Field(() => PlaceReachEnum)
  reach: string;

  @ApiProperty({
    example: 1234.5,
    description: 'Geodesic distance (WGS84) in meters from page.origin; rounded to 100 m for hidden-address sites.',
  })
  @Field(() => Float, { name: 'distanceM' })
  distance_m: number;
}

/** A program that reaches the caller without a visit: by mail, or an outreach service area with no stop nearby. */
@ObjectType()
export class ReachingResult extends Listing {
  @ApiProperty({
    enum: REACHING_REACH,
    example: 'by_mail',
    description: 'by_mail: ships to this area; mobile: outreach that serves this area, with no stop in the search area.',
  })
  @Field(() => ReachingReachEnum)
  reach: string;
}

/** The point the search measured from: check it before trusting an empty page. */
@ObjectType()
export class SearchOrigin {
  @ApiProperty({ example: 32.7495 })
  @Field(() => Float)
  latitude: number;

  @ApiProperty({ example: -96.7657 })
  @Field(() => Float)
  longitude: number;

  @ApiProperty({ enum: ORIGIN_SOURCES, example: 'postal_code', description: 'Which parameter it came from.' })
  @Field(() => OriginSourceEnum)
  source: string;

  @ApiProperty({
    type: 'integer',
    example: 5000,
    description: "How far the true point may lie from this one, in meters: 0 for near, the ZIP code's or place's extent, a bbox's half-diagonal.",
  })
  @Field(() => Int, { name: 'precisionM' })
  precision_m: number;

  @ApiProperty({ type: String, nullable: true, example: 'Dallas, TX 75215', description: 'What was resolved; null for coordinates.' })
  @Field(() => String, { nullable: true })
  label: string | null;
}

@ObjectType()
export class SearchPageInfo {
  @ApiProperty({ type: 'integer', example: 20 })
  @Field(() => Int)
  limit: number;

  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page of places; null on the last.' })
  @Field(() => String, { name: 'nextCursor', nullable: true })
  next_cursor: string | null;

  @ApiProperty({ type: SearchOrigin })
  @Field(() => SearchOrigin)
  origin: SearchOrigin;
}

@ObjectType()
export class SearchPage {
  @ApiProperty({ type: [SearchResult], description: 'Places a person can go to, nearest first.' })
  @Field(() => [SearchResult])
  data: SearchResult[];

  @ApiProperty({
    type: [ReachingResult],
    description:
      'Programs that reach the caller without a visit (by mail; outreach whose service area covers page.origin, with no stop in the search area), smallest service area first. First page only; empty on the next pages.',
  })
  @Field(() => [ReachingResult])
  reaching: ReachingResult[];

  @ApiProperty({ type: SearchPageInfo })
  @Field(() => SearchPageInfo)
  page: SearchPageInfo;
}
