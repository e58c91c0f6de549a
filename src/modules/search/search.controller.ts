import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { TEXT_PLAIN_CONTENT } from '../../common/openapi/media-types';
import { SEARCH_FEATURE_COLLECTION_REF } from '../../common/openapi/search-geojson.schema';
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
  @ApiExtraModels(SearchPage)
  @ApiHeader({
    name: 'accept',
    required: false,
    description: '`application/geo+json` for a GeoJSON FeatureCollection.',
    schema: { type: 'string', example: 'application/geo+json' },
  })
  @ApiOkResponse({
    description: 'A search page: JSON, a GeoJSON FeatureCollection (format=geojson or Accept: application/geo+json), or plain text (format=text).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SearchPage) } },
      'application/geo+json': { schema: SEARCH_FEATURE_COLLECTION_REF },
      ...TEXT_PLAIN_CONTENT,
    },
  })
  @ApiProblems(400)
  async search(
    @Query() query: RestSearchQuery,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const { format, lang, ...searchQuery } = query;
    const { json, page } = await this.searchService.page(searchQuery);
    setNextLink(request, reply, page);
    reply.header('vary', 'accept');
    const wants = format ?? (/application\/geo\+json/.test(accept ?? '') ? 'geojson' : /^text\/plain/.test(accept ?? '') ? 'text' : 'json');
    if (wants === 'json') {
      // PostgreSQL's JSON as it came: no parse, no re-stringify (a string with a JSON type is sent as is)
      reply.type('application/json; charset=utf-8');
      return json;
    }
    const parsed = JSON.parse(json) as SearchPage;
    if (wants === 'text') {
      reply.type('text/plain; charset=utf-8');
      return toText(parsed, lang ?? 'en');
    }
    reply.type('application/geo+json');
    return toFeatureCollection(parsed);
  }
}
