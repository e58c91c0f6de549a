import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { harvestCorpus } from './support/fuzz/corpus';
import { closeConnections } from './support/fuzz/http';
import { FuzzModel, fuzzRequest } from './support/fuzz/requests';
import { violation } from './support/fuzz/oracle';
import { describeOutcome, probe, ServerLogCapture } from './support/fuzz/runner';
import { fuzzSurface } from './support/fuzz/surface';
import { startTestApp } from './support/test-app';

/**
 * Property-based fuzzing of the public surface (every GET in the app's own
 * OpenAPI document, the embed pages and GraphQL `search`), with real and
 * tampered ids and cursors: no request may get a 5xx, time out, or an error
 * in another shape than problem+json / a typed GraphQL code.
 *
 * A fixed seed (same requests every run) plus a fresh one; fast-check prints
 * the seed and the shrunk request when either fails. Replay a failure with
 * FUZZ_SEED=<seed>. `npm run fuzz:long` runs the same property ≥ 10,000 times.
 */
const FIXED_SEED = 20_261_110;
const RANDOM_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS_PER_SEED = Number(process.env.FUZZ_RUNS ?? 250);

describe('fuzz: the public GET surface and GraphQL search never fail on input', () => {
  let app: NestFastifyApplication;
  let url: string;
  let model: FuzzModel;
  const log = new ServerLogCapture();

  beforeAll(async () => {
    ({ app, url } = await startTestApp(log));
    const surface = fuzzSurface(app);
    model = { surface, corpus: await harvestCorpus(url, surface) };
  });
  afterAll(async () => {
    closeConnections();
    await app.close();
  });

  it('derives the surface from the app itself, with real ids and cursors to tamper with', () => {
    const paths = model.surface.operations.map((op) => op.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/search',
        '/v1/organizations/{id}',
        '/hsds/services',
        '/v1/changes',
        '/v1/export',
        '/v1/taxonomy',
        '/v1/languages',
        '/embed/listings',
      ]),
    );
    expect(model.surface.operations.find((op) => op.path === '/v1/search')!.query.map((p) => p.name)).toEqual(
      expect.arrayContaining(['near', 'bbox', 'open_at', 'cursor']),
    );
    expect(model.surface.searchArgs.map((a) => a.name)).toEqual(expect.arrayContaining(['near', 'q', 'cursor']));
    expect(model.corpus.cursors.map((c) => c.path)).toEqual(expect.arrayContaining(['/v1/organizations', '/v1/search', '/v1/changes']));
    expect(model.corpus.ids.get('/v1/organizations')?.length).toBeGreaterThan(0);
  });

  it('judges each response by openapi.yaml too: an undeclared status or a body off its schema is a violation', () => {
    const get = (target: string, status: number, body: string, contentType = 'application/json') =>
      violation({ operation: `GET ${target}`, method: 'GET', target }, { status, contentType, body, ms: 1, timedOut: false });
    expect(get('/v1/organizations?limit=1', 200, JSON.stringify({ data: [{ id: 7 }] }))).toMatch(/not as openapi\.yaml describes/);
    expect(get('/v1/organizations?limit=1', 418, '{}', 'application/problem+json')).toMatch(/problem\+json has status|not declared/);
    expect(get('/v1/organizations?limit=1', 200, '{}', 'text/html')).toMatch(/content type text\/html not declared/);
    expect(get('/v1/nowhere', 200, '{}')).toMatch(/no operation/);
    expect(get('/health/live', 200, JSON.stringify({ status: 'ok' }))).toBeNull();
  });

  it.each([
    ['fixed', FIXED_SEED],
    ['random', RANDOM_SEED],
  ])(
    '%s seed %d: every response is < 500, in time, and in the documented error shape',
    async (_kind, seed) => {
      const property = fc.asyncProperty(fuzzRequest(model), async (request) => {
        const outcome = await probe(url, request, log);
        if (outcome.violation) throw new Error(describeOutcome(outcome));
      });
      await fc.assert(property, {
        seed,
        numRuns: RUNS_PER_SEED,
        // shrinking sends requests too: keep a failing run from taking minutes
        interruptAfterTimeLimit: 100_000,
        markInterruptAsFailure: false,
      });
    },
    150_000,
  );
});
