import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { load } from 'js-yaml';
import request from 'supertest';
import { GRAPHQL_SCHEMA_FILE, OPENAPI_FILE, renderContracts } from '../src/contracts/contracts';
import { startTestApp } from './support/test-app';

const root = join(__dirname, '..');
const REGENERATE = 'Run `npm run contracts` and commit the result.';

describe('API contracts', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  it(`committed ${OPENAPI_FILE} matches the code`, () => {
    const committed = readFileSync(join(root, OPENAPI_FILE), 'utf8');
    expect({ drift: committed !== renderContracts(app).openapi, fix: REGENERATE }).toEqual({ drift: false, fix: REGENERATE });
  });

  it(`committed ${GRAPHQL_SCHEMA_FILE} matches the code`, () => {
    const committed = readFileSync(join(root, GRAPHQL_SCHEMA_FILE), 'utf8');
    expect({ drift: committed !== renderContracts(app).graphql, fix: REGENERATE }).toEqual({ drift: false, fix: REGENERATE });
  });

  it('openapi.yaml is a valid OpenAPI 3.1 document', async () => {
    const document = load(readFileSync(join(root, OPENAPI_FILE), 'utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every operation with an id, a summary and examples for its parameters', () => {
    const document = load(readFileSync(join(root, OPENAPI_FILE), 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; summary?: string; parameters?: { name: string; example?: unknown; schema?: { example?: unknown; default?: unknown; enum?: unknown } }[] }>>;
    };
    const operations = Object.values(document.paths).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const op of operations) {
      expect(op.operationId).toBeTruthy();
      expect(op.summary).toBeTruthy();
      for (const param of op.parameters ?? []) {
        const documented = param.example ?? param.schema?.example ?? param.schema?.default ?? param.schema?.enum;
        expect({ operation: op.operationId, param: param.name, documented: documented !== undefined }).toEqual({
          operation: op.operationId,
          param: param.name,
          documented: true,
        });
      }
    }
  });

  it('serves the document at /openapi.json and human docs at /docs', async () => {
    const json = await request(url).get('/openapi.json').expect(200);
    expect(json.body.openapi).toBe('3.1.0');
    const docs = await request(url).get('/docs').redirects(1).expect(200);
    expect(docs.text).toContain('swagger-ui');
  });
});
