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
    description: 'Principles, services, access, transport, populations and practices. `branch` narrows it to one subtree.',
  })
  @ApiOkResponse({ type: TaxonomyTree })
  @ApiProblems(400)
  async tree(@Query() query: TaxonomyQuery): Promise<TaxonomyTree> {
    return { data: await this.taxonomy.tree(query.branch) };
  }

  @Get('taxonomy/:code')
  @ApiOperation({ operationId: 'getTaxonomyTerm', summary: 'One taxonomy term with its subtree' })
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
  })
  @ApiOkResponse({ type: LanguageList })
  async languages(): Promise<LanguageList> {
    return { data: await this.taxonomy.languages() };
  }
}
