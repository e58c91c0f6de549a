import { ID, Int, Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/pagination/page';
import { SourceAttribution, Phone, TermRef } from '../records/record-details.model';

/** A provider: the organization that runs services at locations (HSDS organization). */
@ObjectType()
export class Organization {
  @ApiProperty({ format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @Field(() => ID)
  id: string;

  @ApiProperty({ example: 'Trinity Street Harm Reduction Collective (fictional)' })
  @Field()
  name: string;

  @ApiProperty({ example: 'Peer-run syringe services and naloxone distribution. Demo data.' })
  @Field()
  description: string;

  @ApiProperty({ type: String, nullable: true, example: 'https://example.org/trinity' })
  @Field(() => String, { nullable: true })
  website: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'hello@example.org' })
  @Field(() => String, { nullable: true })
  email: string | null;

  @ApiProperty({
    type: [TermRef],
    description: 'Taxonomy terms declared by the provider, mostly practice.* terms (evidence for principles).',
  })
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

export const OrganizationPage = PageOf(Organization, 'OrganizationPage');
