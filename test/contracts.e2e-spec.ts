import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { load } from 'js-yaml';
import request, { Response, Test } from './support/checked-request';
import { GRAPHQL_SCHEMA_FILE, OPENAPI_FILE, renderContracts } from '../src/contracts/contracts';
import { bearer, createKeys } from './support/api-keys';
import { openApiResponses } from './support/openapi-responses';
import { startTestApp } from './support/test-app';

const root = join(__dirname, '..');
const REGENERATE = 'Run `npm run contracts` and commit the result.';

describe('API contracts', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  it('no test talks HTTP past the response-checking client (test/support/checked-request.ts)', () => {
    const files = readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    // a value import of supertest could send requests nobody checks; type-only imports send nothing
    const sendsDirectly = (f: string) => /^import (?!type )[^;]*from 'supertest'|require\('supertest'\)/m.test(readFileSync(join(root, 'test', f), 'utf8'));
    expect(files.filter((f) => f !== join('support', 'checked-request.ts') && sendsDirectly(f))).toEqual([]);
  });

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
      paths: Record<
        string,
        Record<
          string,
          {
            operationId?: string;
            summary?: string;
            parameters?: { name: string; example?: unknown; schema?: { example?: unknown; default?: unknown; enum?: unknown } }[];
          }
        >
      >;
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

  it('the regenerated document lints with 0 Redocly errors (recommended ruleset, redocly.yaml)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
    try {
      const file = join(dir, 'openapi.yaml');
      writeFileSync(file, renderContracts(app).openapi);
      const { totals, problems } = redoclyLint(file);
      const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`);
      expect({ errors, count: totals.errors }).toEqual({ errors: [], count: 0 });
      console.log(`Redocly lint: ${totals.errors} errors, ${totals.warnings} warnings`);
      // no warnings either (the health probes now declare the hostile-input hook's 400 like every route)
      expect(problems.filter((p) => p.severity === 'warn').map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is OpenAPI 3.1 throughout: no 3.0 `nullable`, every error a $ref to the one Problem schema', () => {
    const document = load(renderContracts(app).openapi) as OpenApi;
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (!/^[45]/.test(status)) continue;
          expect({ at: `${method} ${path} ${status}`, schema: response.content?.['application/problem+json']?.schema }).toEqual({
            at: `${method} ${path} ${status}`,
            schema: { $ref: '#/components/schemas/Problem' },
          });
        }
      }
    }
  });

  it('every example in the document is valid against the schema it illustrates', () => {
    const document = load(renderContracts(app).openapi) as OpenApi;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'openapi' });
    const invalid: string[] = [];
    let checked = 0;
    const walk = (node: unknown, pointer: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (!Array.isArray(node) && 'example' in schema && ['type', '$ref', 'oneOf', 'anyOf', 'allOf'].some((k) => k in schema)) {
        checked++;
        const check = ajv.compile({ $ref: `openapi#${pointer}` });
        if (!check(schema.example)) invalid.push(`${pointer}: ${ajv.errorsText(check.errors)}`);
      }
      for (const [key, value] of Object.entries(schema)) {
        if (key !== 'example' && key !== 'examples') walk(value, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    };
    walk(document.components, '/components');
    walk(document.paths, '/paths');
    expect(checked).toBeGreaterThan(200);
    expect(invalid).toEqual([]);
  });

  describe('real responses match the document (Ajv, JSON Schema 2020-12)', () => {
    let validator: ResponseValidator;
    let keys: Awaited<ReturnType<typeof createKeys>>;
    beforeAll(async () => {
      validator = responseValidator();
      keys = await createKeys(app, 'contracts');
    });
    const get = (path: string, query: Record<string, string | number | boolean> = {}, accept?: string) => {
      const call = request(url).get(path).query(query);
      return accept ? call.set('accept', accept) : call;
    };

    it('search JSON (near, by postal code, with by-mail `reaching`), GeoJSON and text', async () => {
      const near = await get('/v1/search', { near: '32.7767,-96.7970', radius: 50, limit: 5 });
      expect(near.body.data.length).toBeGreaterThan(0);
      expect(near.headers.link).toMatch(/rel="next"/); // so the declared Link header is checked on a real value
      validator.check('get', '/v1/search', near);
      const rural = await get('/v1/search', { near: '31.0,-100.5', radius: 5, service: 'service.naloxone' });
      expect(rural.body.reaching.length).toBeGreaterThan(0);
      validator.check('get', '/v1/search', rural);
      validator.check('get', '/v1/search', await get('/v1/search', { postal_code: '75215' }));
      const geojson = await get('/v1/search', { postal_code: '75215' }, 'application/geo+json');
      expect(geojson.body.type).toBe('FeatureCollection');
      validator.check('get', '/v1/search', geojson);
      validator.check('get', '/v1/search', await get('/v1/search', { near: '31.0,-100.5', radius: 5, format: 'geojson' }));
      validator.check('get', '/v1/search', await get('/v1/search', { postal_code: '75215', format: 'text' }));
    });

    it('lists and records, including ones with `source: null` and null optional fields', async () => {
      for (const path of ['/v1/organizations', '/v1/services', '/v1/locations', '/v1/service-at-locations']) {
        const list = await get(path, { limit: 3 });
        expect(list.body.data.length).toBeGreaterThan(0);
        validator.check('get', path, list);
        validator.check('get', `${path}/{id}`, await get(`${path}/${list.body.data[0].id}`));
      }
      const body = { name: 'Contract Test Collective (fictional)', description: 'Test record.', website: null, email: null };
      validator.checkRequest('post', '/v1/organizations', body);
      const created = await request(url).post('/v1/organizations').set(bearer(keys.write)).send(body).expect(201);
      validator.check('post', '/v1/organizations', created);
      const read = await get(`/v1/organizations/${created.body.id}`);
      expect(read.body.source).toBeNull();
      validator.check('get', '/v1/organizations/{id}', read);
      validator.check('get', '/v1/taxonomy', await get('/v1/taxonomy'));
      validator.check('get', '/v1/changes', await get('/v1/changes', { limit: 5 }));
      validator.check('get', '/hsds/services', await get('/hsds/services', { per_page: 2 }));
      validator.check('get', '/health/live', await get('/health/live'));
    });

    it('NDJSON: the export (with X-Changes-Since) and an HSDS list, line by line against x-ndjson-line', async () => {
      const raw = (call: Test) =>
        call.buffer(true).parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done(null, text));
        });
      const exported = await raw(request(url).get('/v1/export').query({ format: 'ndjson' }));
      expect(exported.status).toBe(200);
      validator.check('get', '/v1/export', exported);
      validator.check('get', '/v1/export', await request(url).get('/v1/export').query({ format: 'geojson' }).buffer(true));
      validator.check('get', '/hsds/services', await raw(request(url).get('/hsds/services').query({ format: 'ndjson' })));
    });

    it('problems: a 400 with invalid_params, a 404, a 401, a 428', async () => {
      const invalid = await get('/v1/organizations', { limit: 1000 });
      expect(invalid.status).toBe(400);
      validator.check('get', '/v1/organizations', invalid);
      const missing = await get('/v1/organizations/6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01');
      expect(missing.status).toBe(404);
      validator.check('get', '/v1/organizations/{id}', missing);
      validator.check('post', '/v1/organizations', await request(url).post('/v1/organizations').send({ name: 'x' }));
      const list = await get('/v1/organizations', { limit: 1 });
      const unconditional = await request(url).patch(`/v1/organizations/${list.body.data[0].id}`).set(bearer(keys.write)).send({ name: 'y' });
      expect(unconditional.status).toBe(428);
      validator.check('patch', '/v1/organizations/{id}', unconditional);
    });

    it('a 304 on If-None-Match is declared, with the ETag header', async () => {
      const first = await get('/v1/taxonomy');
      const again = await request(url).get('/v1/taxonomy').set('if-none-match', first.headers.etag);
      expect(again.status).toBe(304);
      validator.check('get', '/v1/taxonomy', again);
    });
  });
});

interface MediaType {
  schema?: object;
  'x-ndjson-line'?: object;
}
interface OpenApiResponse {
  content?: Record<string, MediaType>;
  headers?: Record<string, { $ref: string }>;
}
interface OpenApi {
  components: { headers: Record<string, { schema: object; required?: boolean }> };
  paths: Record<string, Record<string, { responses: Record<string, OpenApiResponse>; requestBody?: { content: Record<string, MediaType> } }>>;
}
interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** Redocly CLI on a file, offline (no telemetry, no update check), as JSON. */
function redoclyLint(file: string): { totals: { errors: number; warnings: number }; problems: LintProblem[] } {
  const run = () =>
    execFileSync(join(root, 'node_modules/.bin/redocly'), ['lint', file, '--config', join(root, 'redocly.yaml'), '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  let output: string;
  try {
    output = run();
  } catch (error) {
    output = String((error as { stdout?: Buffer }).stdout ?? ''); // exit code 1 on errors: the JSON is still on stdout
  }
  return JSON.parse(output.slice(output.indexOf('{')));
}

type ResponseValidator = ReturnType<typeof responseValidator>;

/**
 * The shared oracle (test/support/openapi-responses.ts, which every suite's
 * HTTP client runs on every response), named per operation here so that each
 * kind of response is known to have been checked at least once.
 */
function responseValidator() {
  const spec = openApiResponses();
  return {
    check(method: string, path: string, res: Response): void {
      const at = `${method.toUpperCase()} ${path} ${res.status}`;
      const sent = (res as unknown as { req: { path: string } }).req.path;
      expect(sent.split('?')[0]).toMatch(new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`));
      expect({ at, violations: spec.violations({ method, path: sent, status: res.status, headers: res.headers, body: res.body, text: res.text }) }).toEqual({
        at,
        violations: [],
      });
    },
    checkRequest(method: string, path: string, body: unknown): void {
      expect(spec.requestViolations(method, path, body)).toEqual([]);
    },
  };
}
