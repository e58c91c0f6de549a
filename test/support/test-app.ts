import { LoggerService } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { createFastifyAdapter, setupApp } from '../../src/app.setup';

/**
 * The real application on a real HTTP port (127.0.0.1, ephemeral), against
 * the run's real PostGIS database. No part of it is mocked.
 */
export async function startTestApp(logger?: LoggerService): Promise<{ app: NestFastifyApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    logger: logger ?? ['error', 'warn'],
  });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}
