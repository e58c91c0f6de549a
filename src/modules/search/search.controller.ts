import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { setNextLink } from '../../common/pagination/link-header';
import { SearchPage } from './search-result.model';
import { toFeatureCollection } from './search.geojson';
import { toText } from './search.text';
import { RestSearchQuery } from './search.query';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('v1/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    operationId: 'search',
    summary: 'Nearest matching services: by coordinates, ZIP code or map viewport',
    description:
      'Give exactly one of `near`, `postal_code` or `bbox`. Different filters combine with AND; ' +
      'comma-separated values within one filter combine with OR. Results are ordered by distance.',
  })
  @ApiProduces('application/json', 'application/geo+json', 'text/plain')
  @ApiHeader({
    name: 'accept',
    required: false,
    description: '`application/geo+json` for a GeoJSON FeatureCollection.',
    schema: { type: 'string', example: 'application/geo+json' },
  })
  @ApiOkResponse({ type: SearchPage })
  @ApiProblems(400)
  async search(
    @Query() query: RestSearchQuery,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const { format, lang, ...searchQuery } = query;
    const page = await this.searchService.run(searchQuery);
    setNextLink(request, reply, page.page);
    reply.header('vary', 'accept');
    const wants = format ?? (/application\/geo\+json/.test(accept ?? '') ? 'geojson' : /^text\/plain/.test(accept ?? '') ? 'text' : 'json');
    if (wants === 'text') {
      reply.type('text/plain; charset=utf-8');
      return toText(page, lang ?? 'en');
    }
    if (wants === 'json') return page;
    reply.type('application/geo+json');
    return toFeatureCollection(page);
  }
}
