import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export const TAXONOMY_CODE_PATTERN = /^[a-z]+(\.[a-z0-9-]+)*$/;

@ObjectType()
export class Crosswalk {
  @ApiProperty({ enum: ['findtreatment', 'hl7-service-type'], example: 'findtreatment' })
  @Field()
  system: string;

  @ApiProperty({ example: 'BU' })
  @Field()
  code: string;
}

/** A term of the harm-reduction taxonomy. Codes are stable; labels may change. */
@ObjectType()
export class TaxonomyTerm {
  @ApiProperty({ example: 'service.moud.buprenorphine' })
  @Field()
  code: string;

  @ApiProperty({ example: 'Buprenorphine' })
  @Field()
  name: string;

  @ApiProperty({ example: 'A medication for opioid use disorder that reduces cravings and withdrawal.' })
  @Field()
  description: string;

  @ApiProperty({ enum: ['principle', 'service', 'access', 'transport', 'population', 'practice'], example: 'service' })
  @Field()
  branch: string;

  @ApiProperty({ type: String, nullable: true, example: 'service.moud' })
  @Field(() => String, { name: 'parentCode', nullable: true })
  parent_code: string | null;

  @ApiProperty({ type: [Crosswalk], description: 'The same concept in other vocabularies (FindTreatment, HL7).' })
  @Field(() => [Crosswalk])
  crosswalks: Crosswalk[];

  @ApiProperty({
    type: [String],
    example: [],
    description: 'For a practice: the principle codes it enacts.',
  })
  @Field(() => [String])
  enacts: string[];

  @ApiProperty({
    type: [String],
    name: 'enacted_by',
    example: [],
    description: 'For a principle: the practice codes that enact it.',
  })
  @Field(() => [String], { name: 'enactedBy' })
  enacted_by: string[];

  @ApiProperty({ type: () => [TaxonomyTerm], description: 'Narrower terms, recursively.' })
  @Field(() => [TaxonomyTerm])
  children: TaxonomyTerm[];
}

@ObjectType()
export class TaxonomyTree {
  @ApiProperty({ type: [TaxonomyTerm], description: 'Branch roots (or the requested branch), each with its subtree.' })
  @Field(() => [TaxonomyTerm])
  data: TaxonomyTerm[];
}

@ArgsType()
export class TaxonomyQuery {
  @ApiProperty({
    required: false,
    example: 'service.moud',
    description: 'Return only this branch (any term code) and its descendants.',
  })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TAXONOMY_CODE_PATTERN, { message: 'branch must be a taxonomy code such as service.moud' })
  branch?: string;
}

@ObjectType()
export class Language {
  @ApiProperty({ example: 'es', description: 'ISO 639-1 code, or ISO 639-3 where no 639-1 code exists.' })
  @Field()
  code: string;

  @ApiProperty({ example: 'Spanish' })
  @Field()
  name: string;

  @ApiProperty({ type: String, nullable: true, example: 'SP', description: 'FindTreatment.gov language code.' })
  @Field(() => String, { name: 'findtreatmentCode', nullable: true })
  findtreatment_code: string | null;
}

@ObjectType()
export class LanguageList {
  @ApiProperty({ type: [Language] })
  @Field(() => [Language])
  data: Language[];
}
