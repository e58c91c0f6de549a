import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PhoneInput } from './shared.input';

/** A provider. On create, name and description are required; on update every field is optional. */
@InputType()
export class OrganizationInput {
  @ApiProperty({ required: false, example: 'Trinity Street Harm Reduction Collective (fictional)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  name?: string;

  @ApiProperty({ required: false, example: 'Peer-run syringe services and naloxone.' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'https://example.org/trinity' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  website?: string | null;

  @ApiProperty({ type: String, required: false, nullable: true, example: 'hello@example.org' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiProperty({ required: false, type: [String], example: ['practice.peer-staff'], description: 'Taxonomy codes (replace the list).' })
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  attributes?: string[];

  @ApiProperty({ required: false, type: [PhoneInput] })
  @Field(() => [PhoneInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PhoneInput)
  phones?: PhoneInput[];
}
