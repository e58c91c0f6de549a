import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { EmbedController } from './embed.controller';

/** GET /embed/widget.js, /embed/listings (iframe page) and /embed/demo (documentation). */
@Module({
  controllers: [EmbedController],
})
export class EmbedModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /** `/embed/` (with the slash, which Nest routes cannot name) also leads to the documentation. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasRoute({ method: 'GET', url: '/embed/' })) return;
    fastify.get('/embed/', (request, reply) => {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      return reply.code(302).header('cache-control', 'no-cache').redirect(`/embed/demo${query}`);
    });
  }
}
