import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diff, validate } from '@graphql-inspector/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildClientSchema, buildSchema, getIntrospectionQuery, GraphQLSchema, IntrospectionQuery, isObjectType, Source } from 'graphql';
import request from './support/checked-request';
import { gql } from './support/graphql';
import { startTestApp } from './support/test-app';

const root = join(__dirname, '..');

/** The `query` of every curl to /graphql in the README's ```sh blocks, named by its line. */
function readmeQueries(): Source[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const sources: Source[] = [];
  for (const block of readme.matchAll(/```sh\n([\s\S]*?)```/g)) {
    if (!block[1].includes('/graphql')) continue;
    for (const body of block[1].matchAll(/\/graphql[^\n]*?-d '([^']*)'/g)) {
      const line = readme.slice(0, block.index + block[0].indexOf(body[0])).split('\n').length;
      const { query } = JSON.parse(body[1]) as { query: string };
      sources.push(new Source(query, `README.md:${line}`));
    }
  }
  return sources;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every URL a browser would fetch or navigate to from the page's markup and styles. */
function referencedUrls(html: string): string[] {
  const attributes = [...html.matchAll(/\s(?:src|href|action|srcset|poster|data|formaction)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  const css = [...html.matchAll(/url\(\s*["']?([^"')]+)|@import\s+["']([^"']+)/gi)].map((m) => m[1] ?? m[2]);
  return [...attributes, ...css];
}

describe('GraphQL with real tools (graphql-inspector) and in a browser', () => {
  let app: NestFastifyApplication;
  let url: string;
  let live: GraphQLSchema;
  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    // Production mode: Apollo's own defaults (CDN landing page) would differ here.
    process.env.NODE_ENV = 'production';
    ({ app, url } = await startTestApp());
    // The standard introspection query every tool sends (GraphiQL, codegen, inspector).
    const introspection = await gql<IntrospectionQuery>(url, getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    live = buildClientSchema(introspection.data!);
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await app.close();
  });

  describe('README queries against the live schema', () => {
    const sources = readmeQueries();

    it('finds the README GraphQL examples', () => {
      // organizations, taxonomy and search at the time of writing
      expect(sources.length).toBeGreaterThanOrEqual(3);
    });

    it('every README query validates (graphql-inspector validate, deprecated fields included)', () => {
      const invalid = validate(live, sources).map((doc) => ({
        source: doc.source.name,
        errors: [...doc.errors, ...doc.deprecated].map((e) => e.message),
      }));
      expect(invalid).toEqual([]);
    });

    it('the validation catches a query that no longer matches the schema', () => {
      const stale = new Source('{ organizations(limit: 3) { data { nmae } } search(postalCode: "75215") { data { id } } }', 'stale');
      const [report] = validate(live, [stale]);
      expect(report.errors.map((e) => e.message).join('\n')).toMatch(/nmae[\s\S]*postalCode/);
    });

    it('every README query runs on the server without errors', async () => {
      for (const source of sources) {
        const result = await gql(url, source.body);
        expect({ source: source.name, errors: result.errors }).toEqual({ source: source.name, errors: undefined });
      }
    });

    it('the embeddable widget sends no GraphQL (nothing there to validate)', () => {
      const embed = filesUnder(join(root, 'src/modules/embed')).filter((f) => f.endsWith('.ts'));
      expect(embed.filter((f) => readFileSync(f, 'utf8').includes('/graphql'))).toEqual([]);
    });
  });

  it('committed schema.graphql is the live introspected schema (graphql-inspector diff: no changes)', async () => {
    const committed = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
    const changes = await diff(committed, live);
    expect(changes.map((c) => `${c.criticality.level}: ${c.message}`)).toEqual([]);
  });

  it('names a bad snake_case argument exactly as REST names the query parameter (the README reason for the naming)', async () => {
    const rest = await request(url).get('/v1/search').query({ postal_code: '7521', radius: 10 }).expect(400);
    const graphql = await gql(url, '{ search(postal_code: "7521", radius: 10) { data { distanceM } } }');
    const restNames = (rest.body.invalid_params as { name: string }[]).map((p) => p.name);
    expect(restNames).toEqual(['postal_code']);
    expect(graphql.errors?.[0].extensions?.invalid_params?.map((p) => p.name)).toEqual(restNames);
  });

  describe('GET /graphql', () => {
    it('from a browser: a self-contained HTML page that explains how to query, with the schema', async () => {
      const res = await request(url).get('/graphql').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      const html = res.text;
      expect(html).toContain('<h1>GraphQL API</h1>');
      expect(html).toContain('POST /graphql');
      expect(html).toContain('curl &quot;$ORIGIN/graphql&quot;'); // escaped inside <pre>
      // the SDL: every object type of the live schema, and a snake_case argument
      const objectTypes = Object.values(live.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__'));
      expect(objectTypes.length).toBeGreaterThan(10);
      for (const { name } of objectTypes) expect(html).toContain(`type ${name} {`);
      expect(html).toContain('postal_code: String');

      // no third-party requests: nothing absolute or protocol-relative, no scripts at all
      const offOrigin = referencedUrls(html).filter((u) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(u));
      expect(offOrigin).toEqual([]);
      expect(html).not.toMatch(/https?:\/\//i);
      expect(html).not.toMatch(/<script/i);
    });

    it('carries a strict Content-Security-Policy whose style hash matches the one style block', async () => {
      const { text: html } = await request(url).get('/graphql').set('accept', 'text/html').expect(200);
      const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
      expect(policy).toBeDefined();
      const directives = new Map(
        policy!
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives.get('default-src')).toEqual(["'none'"]);
      expect(directives.has('script-src')).toBe(false);
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
      const { createHash } = await import('node:crypto');
      expect(directives.get('style-src')).toEqual([`'sha256-${createHash('sha256').update(style).digest('base64')}'`]);
    });

    it('with an operation and no preflight header: still refused as a possible CSRF (400)', async () => {
      const res = await request(url).get('/graphql').query({ query: '{__typename}' }).expect(400);
      expect(res.text).toMatch(/CSRF|preflight/i);
    });

    it('with an operation and the preflight header: answered', async () => {
      const res = await request(url).get('/graphql').query({ query: '{__typename}' }).set('apollo-require-preflight', 'true').expect(200);
      expect(res.body).toEqual({ data: { __typename: 'Query' } });
    });
  });
});
