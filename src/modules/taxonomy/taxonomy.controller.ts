import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { LanguageList, TaxonomyQuery, TaxonomyTerm, TaxonomyTree } from './taxonomy.model';
import { TaxonomyService } from './taxonomy.service';

@ApiTags('taxonomy')
@Controller('v1')
export class TaxonomyController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get('taxonomy')
  @ApiOperation({
    operationId: 'getTaxonomy',
    summary: 'The harm-reduction taxonomy as a tree',
    description:
      'Principles, services, access, transport, populations and practices, each term with its Spanish name (`name_es`, ' +
      '`description_es`) and its aliases: brand names, acronyms and everyday words in English and Spanish ' +
      '(Narcan, Suboxone, needle exchange, intercambio de jeringas) that search `q` also matches. ' +
      '`branch` narrows it to one subtree.',
  })
  @ApiOkResponse({ type: TaxonomyTree })
  @ApiProblems(400)
  async tree(@Query() query: TaxonomyQuery): Promise<TaxonomyTree> {
    return { data: await this.taxonomy.tree(query.branch) };
  }

  @Get('taxonomy/:code')
  @ApiOperation({
    operationId: 'getTaxonomyTerm',
    summary: 'One taxonomy term with its subtree',
    description: 'With its Spanish name and description and its aliases, as in GET /v1/taxonomy.',
  })
  @ApiParam({ name: 'code', example: 'service.moud' })
  @ApiOkResponse({ type: TaxonomyTerm })
  @ApiProblems(400, 404)
  term(@Param('code') code: string): Promise<TaxonomyTerm> {
    return this.taxonomy.term(code);
  }

  @Get('languages')
  @ApiOperation({
    operationId: 'listLanguages',
    summary: 'Language codes the directory accepts, with the FindTreatment crosswalk',
    description:
      'Every language the directory stores, by its code (ISO 639-1, else ISO 639-3: `es`, `ase`) and its FindTreatment.gov ' +
      'code where the locator has one. Search `language` accepts, case-insensitively: these codes; ISO 639-2/B, 639-2/T ' +
      'and 639-3 codes (`spa`, `fre`, `fra` → es, fr); BCP 47 tags as browsers send them, of which only the language ' +
      'counts (`es-MX`, `es-419`, `zh-Hant-TW` → es, zh; `zh-yue` → yue; `sgn-US` → ase; deprecated `iw`, `in` → he, id); ' +
      'and the FindTreatment.gov codes listed here (`SP` → es, `ASL` → ase). Anything else is a 400 naming these forms.',
  })
  @ApiOkResponse({ type: LanguageList })
  async languages(): Promise<LanguageList> {
    return { data: await this.taxonomy.languages() };
  }
}
