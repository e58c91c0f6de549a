import 'reflect-metadata';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { createFastifyAdapter, setupApp } from './app.setup';
import { installGracefulShutdown } from './common/lifecycle/graceful-shutdown';
import { JsonLogger } from './common/logging/json-logger';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DatabaseConnection } from './database/database-connection';
import { DataFolderInUseError, readOwner } from './database/data-folder-owner';

async function bootstrap(): Promise<void> {
  const started = Date.now();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // embedded: refuse at once, before any module loads, when another process owns the folder
  const owner = config.DATABASE_URL || config.DATA_DIR.startsWith('memory://') ? null : readOwner(resolve(config.DATA_DIR));
  if (owner) {
    console.error(new DataFolderInUseError(resolve(config.DATA_DIR), owner).message);
    process.exit(1);
  }
  let app: NestFastifyApplication;
  try {
    app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config), {
      logger: logLevels(config.LOG_LEVEL),
      bufferLogs: config.LOG_FORMAT === 'json', // held until the JSON logger below takes over
      abortOnError: false, // a refused start is reported below, then the process exits non-zero
    });
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.LOG_FORMAT === 'json') app.useLogger(new JsonLogger(app.getHttpAdapter().getInstance().log));
  setupApp(app);
  installGracefulShutdown(app, config.SHUTDOWN_GRACE_SECONDS);
  await app.listen(config.PORT, config.HOST);

  const base = config.PUBLIC_BASE_URL ?? `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  const connection = app.get(DatabaseConnection);
  connection.embedded?.announce({ httpPort: config.PORT });
  const database = connection.embedded ? `embedded PostGIS (PGlite), data in ${connection.embedded.dataDir}` : 'PostgreSQL server from DATABASE_URL';
  new Logger('Bootstrap').log(
    [
      `Ready in ${Date.now() - started} ms on ${database}`,
      `  API docs:   ${base}/docs`,
      `  GraphQL:    ${base}/graphql`,
      `  Try:        ${base}/v1/taxonomy?branch=service.moud`,
      `              ${base}/v1/service-at-locations?limit=5`,
      `  Health:     ${base}/health/ready`,
    ].join('\n'),
  );
}

function logLevels(level: AppConfig['LOG_LEVEL']) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}

bootstrap().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
