import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { ASSET_CACHE, EMBED_CSS, EmbedAsset, etagMatches, VERSIONED_ASSET_CACHE, WIDGET_JS } from './embed-assets';
import { parseEmbedOptions } from './embed-options';
import { contentSecurityPolicy, renderDemoPage, renderListingsPage } from './embed-pages';

/** The pages' options: checked by parseEmbedOptions (unknown and repeated names included), not by a DTO. */
type EmbedQuery = Record<string, unknown>;

/** Assets take only their cache-busting version. */
class AssetQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  v?: string;
}

/**
 * The embeddable listings widget: a script (custom element), an iframe page
 * and a documentation page. Browser assets, not API operations: kept out of
 * the OpenAPI document.
 */
@ApiExcludeController()
@Controller('embed')
export class EmbedController {
  constructor(private readonly config: AppConfig) {}

  @Get('widget.js')
  widget(@Query() query: AssetQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return sendAsset(query, request, reply, WIDGET_JS);
  }

  @Get('embed.css')
  css(@Query() query: AssetQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    return sendAsset(query, request, reply, EMBED_CSS);
  }

  @Get('listings')
  listings(@Query() query: EmbedQuery, @Res() reply: FastifyReply): FastifyReply {
    const options = parseEmbedOptions(query);
    return sendPage(reply, 'listings', renderListingsPage(options));
  }

  @Get('demo')
  demo(@Query() query: EmbedQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const options = parseEmbedOptions(query);
    return sendPage(reply, 'demo', renderDemoPage(options, this.baseUrl(request)));
  }

  /** Forwards the query string untouched: /embed/demo checks it. */
  @Get()
  index(@Query() _query: EmbedQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): FastifyReply {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.code(302).header('cache-control', 'no-cache').redirect(`/embed/demo${query}`);
  }

  /** The origin partners paste into their pages: PUBLIC_BASE_URL, else how this request reached us. */
  private baseUrl(request: FastifyRequest): string {
    if (this.config.PUBLIC_BASE_URL) return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    const host = /^[A-Za-z0-9.\-:[\]]+$/.test(request.host) ? request.host : 'localhost';
    return `${request.protocol}://${host}`;
  }
}

function sendAsset(query: AssetQuery, request: FastifyRequest, reply: FastifyReply, asset: EmbedAsset): FastifyReply {
  const version = query.v;
  reply
    .header('content-type', asset.contentType)
    .header('etag', asset.etag)
    .header('cache-control', version === asset.version ? VERSIONED_ASSET_CACHE : ASSET_CACHE)
    // loadable from any site, also with crossorigin="anonymous" / integrity=
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('x-content-type-options', 'nosniff');
  if (etagMatches(request.headers['if-none-match'], asset.etag)) return reply.code(304).send();
  return reply.code(200).send(asset.body);
}

function sendPage(reply: FastifyReply, page: 'listings' | 'demo', html: string): FastifyReply {
  reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', contentSecurityPolicy(page))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'public, max-age=300');
  if (page === 'demo') reply.header('x-frame-options', 'SAMEORIGIN');
  return reply.code(200).send(html);
}
