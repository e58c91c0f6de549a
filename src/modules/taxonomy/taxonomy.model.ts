import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { TAXONOMY_BRANCHES, TaxonomyBranchEnum } from '../../common/vocabularies';

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

/** Another name people use for a term: a brand, an acronym or an everyday word. */
@ObjectType()
export class TermAlias {
  @ApiProperty({ example: 'Suboxone', description: 'As people write it. Search matches it ignoring case and accents.' })
  @Field()
  name: string;

  @ApiProperty({
    enum: ['en', 'es'],
    example: 'en',
    description: 'ISO 639-1 language of the alias. Brand names, the same in both languages, are listed under en.',
  })
  @Field()
  language: string;
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

  @ApiProperty({ example: 'Buprenorfina', description: 'The name in Spanish. Every term has one.' })
  @Field({ name: 'nameEs' })
  name_es: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'La buprenorfina (por ejemplo, Suboxone o Sublocade) alivia la abstinencia y los antojos y reduce el riesgo de sobredosis.',
    description: 'The description in Spanish, when there is one.',
  })
  @Field(() => String, { name: 'descriptionEs', nullable: true })
  description_es: string | null;

  @ApiProperty({
    type: [TermAlias],
    example: [
      { name: 'Suboxone', language: 'en' },
      { name: 'bupe', language: 'en' },
      { name: 'buprenorfina con naloxona', language: 'es' },
    ],
    description:
      'Brand names, acronyms and everyday words for the term, in English and Spanish. The `q` of search matches them, as it matches name and name_es.',
  })
  @Field(() => [TermAlias])
  aliases: TermAlias[];

  @ApiProperty({ enum: TAXONOMY_BRANCHES, example: 'service' })
  @Field(() => TaxonomyBranchEnum)
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
