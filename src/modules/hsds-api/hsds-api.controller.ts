import { Readable } from 'node:stream';
import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ndjsonContent } from '../../common/openapi/media-types';
import { ParseIdPipe } from '../../common/validation/id';
import { AppConfig } from '../../config/app-config';
import { HsdsApiService, HsdsListing } from './hsds-api.service';
import { hsdsPage, pageWindow } from './hsds-page';
import {
  HsdsListQuery,
  HsdsOrganizationListQuery,
  HsdsOrganizationQuery,
  HsdsServiceAtLocationListQuery,
  HsdsServiceListQuery,
  HsdsTaxonomyTermListQuery,
} from './hsds-query.dto';
import { HSDS_TAXONOMY, HsdsTaxonomyService } from './hsds-taxonomy.service';

export const HSDS_VERSION = '3.0';
export const HSDS_PROFILE = 'https://harm-reduction-directory.example.org/hsds-profile/harm-reduction/1.0';
const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema';

/** An HSDS object, documented by reference to its official JSON Schema (too large to inline). */
const hsdsObject = (schema: string) => ({
  type: 'object',
  additionalProperties: true,
  description: `HSDS 3.0 object: ${SCHEMA_BASE}/${schema}. Extension fields start with x_.`,
});

/** The HSDS page envelope (openapi.json components.schemas.Page) around `contents`. */
const hsdsPageSchema = (schema: string) => ({
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  properties: {
    total_items: { type: 'integer', example: 112 },
    total_pages: { type: 'integer', example: 3 },
    page_number: { type: 'integer', example: 1 },
    size: { type: 'integer', example: 50, description: 'Records on this page.' },
    first_page: { type: 'boolean', example: true },
    last_page: { type: 'boolean', example: false },
    empty: { type: 'boolean', example: false },
    contents: { type: 'array', items: hsdsObject(schema) },
  },
});

export interface HsdsInfo {
  version: string;
  profile: string;
  openapi_url: string;
}

/** GET /hsds/ (HSDS `GET /`): absolute openapi_url from PUBLIC_BASE_URL, else from the request. */
export function hsdsInfo(config: AppConfig, request: FastifyRequest): HsdsInfo {
  const base = (config.PUBLIC_BASE_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  return { version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: `${base}/openapi.json` };
}

const SERVICE_ID = { name: 'id', format: 'uuid', example: '0b9e8d1c-5a3f-4c2e-8d7b-6a5f4e3d2c1b' };

/**
 * Open Referral HSDS 3.0 API (https://docs.openreferral.org/), read-only and
 * public. Objects come from the same mapper as the HSDS export.
 */
@ApiTags('hsds')
@Controller('hsds')
export class HsdsApiController {
  constructor(
    private readonly hsds: HsdsApiService,
    private readonly taxonomy: HsdsTaxonomyService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'hsdsGetApiInfo', summary: 'HSDS API information: HSDS version, profile and OpenAPI document' })
  @ApiOkResponse({
    description: 'What this API implements.',
    schema: {
      type: 'object',
      required: ['version', 'profile', 'openapi_url'],
      properties: {
        version: { type: 'string', example: HSDS_VERSION },
        profile: { type: 'string', format: 'uri', example: HSDS_PROFILE },
        openapi_url: { type: 'string', format: 'uri', example: 'https://api.example.org/openapi.json' },
      },
    },
  })
  info(@Req() request: FastifyRequest): HsdsInfo {
    return hsdsInfo(this.config, request);
  }

  @Get('services')
  @ApiOperation({
    operationId: 'hsdsListServices',
    summary: 'HSDS services, by name (one-to-one fields; full=true nests everything)',
    description:
      'Filters combine with AND. taxonomy_term_id matches the term and its descendants, on the service, its organization ' +
      'or a location where it is offered. minimal=true: only id and last_modified.',
  })
  @ApiOkResponse({
    description: 'An HSDS page (or NDJSON lines with format=ndjson).',
    content: {
      'application/json': { schema: hsdsPageSchema('compiled/service_list.json') },
      ...ndjsonContent(hsdsObject('compiled/service_list.json'), 'format=ndjson, one HSDS object per line'),
    },
  })
  @ApiProblems(400)
  async listServices(@Query() query: HsdsServiceListQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.hsds.listServices(query));
  }

  @Get('services/:id')
  @ApiOperation({ operationId: 'hsdsGetService', summary: 'One fully nested HSDS service' })
  @ApiParam(SERVICE_ID)
  @ApiOkResponse({ description: 'The HSDS object.', schema: hsdsObject('compiled/service.json') })
  @ApiProblems(400, 404)
  getService(@Param('id', new ParseIdPipe()) id: string): Promise<object> {
    return this.hsds.service(id);
  }

  @Get('organizations')
  @ApiOperation({ operationId: 'hsdsListOrganizations', summary: 'HSDS organizations, by name (one-to-one fields; full=true nests everything)' })
  @ApiOkResponse({
    description: 'An HSDS page (or NDJSON lines with format=ndjson).',
    content: {
      'application/json': { schema: hsdsPageSchema('compiled/organization_list.json') },
      ...ndjsonContent(hsdsObject('compiled/organization_list.json'), 'format=ndjson, one HSDS object per line'),
    },
  })
  @ApiProblems(400)
  async listOrganizations(@Query() query: HsdsOrganizationListQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.hsds.listOrganizations(query));
  }

  @Get('organizations/:id')
  @ApiOperation({ operationId: 'hsdsGetOrganization', summary: 'One fully nested HSDS organization (services simple unless full_service)' })
  @ApiParam({ name: 'id', format: 'uuid', example: '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01' })
  @ApiOkResponse({ description: 'The HSDS object.', schema: hsdsObject('compiled/organization.json') })
  @ApiProblems(400, 404)
  getOrganization(@Param('id', new ParseIdPipe()) id: string, @Query() query: HsdsOrganizationQuery): Promise<object> {
    return this.hsds.organization(id, query.full_service === true);
  }

  @Get('service_at_locations')
  @ApiOperation({
    operationId: 'hsdsListServiceAtLocations',
    summary: 'HSDS services at locations; postcode and proximity (meters) find what is near a US ZIP',
    description:
      'Without postcode: by service, then location name. postcode alone: locations in that ZIP, and mobile or by-mail ' +
      'programs whose service area covers it. postcode + proximity: locations within proximity meters of the ZIP centroid ' +
      '(geodesic; hidden-address sites by their ~2 km grid point) and programs whose area covers it, nearest first.',
  })
  @ApiOkResponse({
    description: 'An HSDS page (or NDJSON lines with format=ndjson).',
    content: {
      'application/json': { schema: hsdsPageSchema('compiled/service_at_location_list.json') },
      ...ndjsonContent(hsdsObject('compiled/service_at_location_list.json'), 'format=ndjson, one HSDS object per line'),
    },
  })
  @ApiProblems(400)
  async listServiceAtLocations(@Query() query: HsdsServiceAtLocationListQuery, @Res() reply: FastifyReply): Promise<void> {
    await send(reply, await this.hsds.listServiceAtLocations(query));
  }

  @Get('service_at_locations/:id')
  @ApiOperation({ operationId: 'hsdsGetServiceAtLocation', summary: 'One fully nested HSDS service_at_location' })
  @ApiParam({ name: 'id', format: 'uuid', example: '2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f' })
  @ApiOkResponse({ description: 'The HSDS object.', schema: hsdsObject('compiled/service_at_location.json') })
  @ApiProblems(400, 404)
  getServiceAtLocation(@Param('id', new ParseIdPipe()) id: string): Promise<object> {
    return this.hsds.serviceAtLocation(id);
  }

  @Get('taxonomies')
  @ApiOperation({ operationId: 'hsdsListTaxonomies', summary: 'HSDS taxonomies: our one harm-reduction taxonomy' })
  @ApiOkResponse({
    description: 'An HSDS page (or NDJSON lines with format=ndjson).',
    content: {
      'application/json': { schema: hsdsPageSchema('taxonomy.json') },
      ...ndjsonContent(hsdsObject('taxonomy.json'), 'format=ndjson, one HSDS object per line'),
    },
  })
  @ApiProblems(400)
  async listTaxonomies(@Query() query: HsdsListQuery, @Res() reply: FastifyReply): Promise<void> {
    const all = this.taxonomy.taxonomies(query.search);
    if (query.format === 'ndjson') return send(reply, { kind: 'ndjson', lines: linesOf(all) });
    const window = pageWindow(query);
    await send(reply, { kind: 'page', page: hsdsPage(all.slice(window.offset, window.offset + window.perPage), all.length, window) });
  }

  @Get('taxonomies/:id')
  @ApiOperation({ operationId: 'hsdsGetTaxonomy', summary: 'One HSDS taxonomy' })
  @ApiParam({ name: 'id', format: 'uuid', example: HSDS_TAXONOMY.id })
  @ApiOkResponse({ description: 'The HSDS object.', schema: hsdsObject('taxonomy.json') })
  @ApiProblems(400, 404)
  getTaxonomy(@Param('id') id: string): object {
    return this.taxonomy.taxonomy(id);
  }

  @Get('taxonomy_terms')
  @ApiOperation({
    operationId: 'hsdsListTaxonomyTerms',
    summary: 'HSDS taxonomy terms, parents first (top_only, parent_id)',
    description: 'Term ids are UUIDs derived from our codes, the same as in HSDS exports; parent_id also takes a code.',
  })
  @ApiOkResponse({
    description: 'An HSDS page (or NDJSON lines with format=ndjson).',
    content: {
      'application/json': { schema: hsdsPageSchema('taxonomy_term.json') },
      ...ndjsonContent(hsdsObject('taxonomy_term.json'), 'format=ndjson, one HSDS object per line'),
    },
  })
  @ApiProblems(400)
  async listTaxonomyTerms(@Query() query: HsdsTaxonomyTermListQuery, @Res() reply: FastifyReply): Promise<void> {
    if (query.format === 'ndjson') {
      const { contents } = await this.taxonomy.terms(query, null);
      return send(reply, { kind: 'ndjson', lines: linesOf(contents) });
    }
    const window = pageWindow(query);
    const { contents, total } = await this.taxonomy.terms(query, window);
    await send(reply, { kind: 'page', page: hsdsPage(contents, total, window) });
  }

  @Get('taxonomy_terms/:id')
  @ApiOperation({ operationId: 'hsdsGetTaxonomyTerm', summary: 'One HSDS taxonomy term, by id or code' })
  @ApiParam({ name: 'id', example: 'afd9916a-31f4-5771-9e34-53eb672152b8', description: 'Term id (UUID) or code, e.g. service.naloxone.' })
  @ApiOkResponse({ description: 'The HSDS object.', schema: hsdsObject('taxonomy_term.json') })
  @ApiProblems(400, 404)
  getTaxonomyTerm(@Param('id') id: string): Promise<object> {
    return this.taxonomy.term(id);
  }
}

function* linesOf(records: object[]): Generator<string> {
  if (records.length) yield records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

async function send(reply: FastifyReply, listing: HsdsListing): Promise<void> {
  if (listing.kind === 'page') {
    await reply.type('application/json; charset=utf-8').send(listing.page);
    return;
  }
  await reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(listing.lines));
}
