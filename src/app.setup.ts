import { INestApplication, ValidationPipe } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { createOpenApiDocument } from './common/openapi/openapi-document';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { validationExceptionFactory } from './common/errors/validation-exception.factory';
import { corsOptionsFor } from './common/http/cors';
import { registerHostileInputChecks } from './common/http/hostile-input.hook';
import { ProblemFastifyAdapter } from './common/http/problem-fastify-adapter';
import { DeclaredQueryInterceptor } from './common/validation/declared-query.interceptor';
import { registerHttpCaching } from './common/http/http-caching';
import { registerRequestLogging } from './common/logging/request-logger';
import { AppConfig, loadConfig } from './config/app-config';
import { ReadDatabase } from './database/replicas/read-database';
import { registerReadRouting } from './database/replicas/read-routing.hook';
import { registerHttpMetrics } from './modules/metrics/http-metrics';
import { RateLimiterService } from './modules/rate-limit/rate-limiter.service';

/** Request bodies up to 16 MB: imports upload whole files (the SAMHSA MOUD list is ~1.5 MB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export function createFastifyAdapter(config: AppConfig = loadConfig()): ProblemFastifyAdapter {
  return new ProblemFastifyAdapter(MAX_BODY_BYTES, config.trustProxy, { format: config.LOG_FORMAT, level: config.LOG_LEVEL });
}

/** Pipes, filters and API docs: shared by main.ts and the e2e tests. */
export function setupApp(app: INestApplication): void {
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalInterceptors(new DeclaredQueryInterceptor());
  app.useGlobalFilters(new ProblemDetailsFilter());
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance; // the app runs on ProblemFastifyAdapter
  registerHttpMetrics(fastify);
  registerRequestLogging(fastify, app.get(AppConfig).LOG_FORMAT);
  registerHostileInputChecks(fastify);
  app.enableCors((request: FastifyRequest, callback: (error: Error | null, options: object) => void) => callback(null, corsOptionsFor(request)));
  const limiter = app.get(RateLimiterService);
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply) => limiter.handle(request, reply));
  registerReadRouting(fastify, app.get(ReadDatabase));
  registerHttpCaching(fastify, { maxAgeSeconds: app.get(AppConfig).CACHE_MAX_AGE_SECONDS });

  const document = createOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    customSiteTitle: 'Harm-reduction directory API',
  });
}

/** The OpenAPI 3.1 document (built in src/common/openapi/openapi-document.ts). */
export { createOpenApiDocument };
