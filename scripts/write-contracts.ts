/**
 * `npm run contracts`: regenerates openapi.yaml and schema.graphql from code.
 * Boots the app on a throwaway in-memory embedded database.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../src/app.module';
import { createFastifyAdapter, setupApp } from '../src/app.setup';
import { GRAPHQL_SCHEMA_FILE, OPENAPI_FILE, renderContracts } from '../src/contracts/contracts';

async function main(): Promise<void> {
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = 'memory://';
  process.env.SEED_DEMO_DATA = 'false';
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { logger: ['error'] });
  setupApp(app);
  await app.init();
  const { openapi, graphql } = renderContracts(app);
  const root = join(__dirname, '..');
  writeFileSync(join(root, OPENAPI_FILE), openapi);
  writeFileSync(join(root, GRAPHQL_SCHEMA_FILE), graphql);
  await app.close();
  console.log(`Wrote ${OPENAPI_FILE} and ${GRAPHQL_SCHEMA_FILE}`);
}

void main();
