import { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ArgsType } from '@nestjs/graphql';
import { ToInteger } from '../validation/strict-number';
import { IsCalendarDateTime } from '../validation/calendar-date';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** limit + cursor, shared by every list (REST query string and GraphQL args). */
@ArgsType()
export class PageQuery {
  @ApiProperty({ type: 'integer', required: false, minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, example: 20 })
  @Field(() => Int, { nullable: true, description: `Page size, 1-${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiProperty({ required: false, description: "Opaque cursor from the previous page's next_cursor.", example: 'eyJ2IjoxLCJrIjpbXX0' })
  @Field({ nullable: true, description: "Opaque cursor from the previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiProperty({
    required: false,
    format: 'date-time',
    example: '2026-11-01T00:00:00Z',
    description: 'Only records changed after this instant (HSDS modified_after). See also GET /v1/changes.',
  })
  @Field({ nullable: true, description: 'Only records changed after this instant (ISO 8601).' })
  @IsOptional()
  @IsCalendarDateTime()
  modified_after?: string;
}

@ObjectType('PageInfo')
export class PageInfo {
  @ApiProperty({ type: 'integer', example: 20 })
  @Field(() => Int)
  limit: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  @Field(() => String, { name: 'nextCursor', nullable: true })
  next_cursor: string | null;

  @ApiProperty({ type: 'integer', example: 312, description: 'Number of records across all pages.' })
  @Field(() => Int)
  total: number;
}

export interface Page<T> {
  data: T[];
  page: PageInfo;
}

/** Builds the REST and GraphQL page type for an item type (one class serves both). */
export function PageOf<T>(item: Type<T>, name: string) {
  @ObjectType(name)
  class PageType implements Page<T> {
    @ApiProperty({ type: [item] })
    @Field(() => [item])
    data: T[];

    @ApiProperty({ type: PageInfo })
    @Field(() => PageInfo)
    page: PageInfo;
  }
  Object.defineProperty(PageType, 'name', { value: name });
  return PageType;
}
