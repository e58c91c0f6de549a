import { connect } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { Response } from './support/checked-request';
import { DataSource } from 'typeorm';
import { createOpenApiDocument } from '../src/app.setup';
import { MAX_JSON_DEPTH } from '../src/common/http/json-body';
import { bearer, createKeys } from './support/api-keys';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

/**
 * Hostile and clumsy input at the HTTP layer (issue 10): every request is
 * answered with a 4xx problem+json that names what is wrong, never a 500,
 * never an echo of the URL, and nothing reaches PostgreSQL that it cannot
 * store. Real server, real PostGIS.
 */

const ORGANIZATION_ID = '93c48d1e-64d5-4864-b1d6-4bf8fbb15122'; // demo data, stable across installs
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** Stands in for what a URL may carry (a location, a pasted key): it must never come back. */
const MARKER = 'hrdmarker7q';

type Keys = Awaited<ReturnType<typeof createKeys>>;

/** One raw HTTP exchange, for what supertest's client would refuse or fix up. */
function rawHttp(port: number, bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('raw HTTP timed out')));
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', (error) => (data ? undefined : reject(error)));
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes, () => {
      // let the server answer, then close our side if it has not
      setTimeout(() => socket.end(), 300);
    });
  });
}

function expectNoEcho(res: Response, ...secrets: string[]): void {
  for (const secret of secrets) expect(res.text).not.toContain(secret);
}

describe('hostile input at the HTTP layer', () => {
  let app: NestFastifyApplication;
  let url: string;
  let port: number;
  let keys: Keys;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    port = Number(new URL(url).port);
    keys = await createKeys(app, 'hostile');
  });
  afterAll(() => app.close());

  describe('text PostgreSQL cannot store (NUL, lone surrogates) is a 400 naming the field', () => {
    it('rejects q=%00 on /v1/search', async () => {
      const res = await request(url).get(`/v1/search?postal_code=75215&q=${MARKER}%00`);
      expectProblem(res, 400, 'INVALID_PARAMETER', 'q');
      expectNoEcho(res, MARKER);
    });

    it('rejects search=%00 on every /hsds list', async () => {
      const lists = Object.keys(createOpenApiDocument(app).paths).filter((p) => p.startsWith('/hsds/') && !p.includes('{'));
      expect(lists.length).toBeGreaterThanOrEqual(5);
      for (const path of lists) {
        const res = await request(url).get(`${path}?search=%00`);
        expectProblem(res, 400, 'INVALID_PARAMETER', 'search');
      }
    });

    it('rejects a NUL in a path segment', async () => {
      expectProblem(await request(url).get('/hsds/taxonomy_terms/service%00'), 400, 'INVALID_PARAMETER', 'id');
      expectProblem(await request(url).get('/hsds/taxonomies/a%00'), 400, 'INVALID_PARAMETER', 'id');
    });

    it('rejects a NUL in a parameter name', async () => {
      expectProblem(await request(url).get('/v1/organizations?li%00mit=5'), 400, 'INVALID_PARAMETER');
    });

    it('rejects a NUL anywhere in a JSON body, named by its JSON path, before auth or If-Match', async () => {
      const post = (path: string, body: unknown) =>
        request(url)
          .post(path)
          .set(bearer(keys.write))
          .send(body as object);
      expectProblem(await post('/v1/organizations', { name: 'a\u0000b', description: 'x' }), 400, 'INVALID_PARAMETER', 'name');
      expectProblem(
        await post('/v1/services', { name: 'S', organization_id: ORGANIZATION_ID, phones: [{ number: '+1 214 555 0100\u0000' }] }),
        400,
        'INVALID_PARAMETER',
        'phones[0].number',
      );
      expectProblem(
        await post('/v1/locations', {
          name: 'L',
          organization_id: ORGANIZATION_ID,
          address: { address_1: '1 Main St\u0000', city: 'Dallas' },
          schedules: [{ byday: ['MO'], opens_at: '09:00', closes_at: '17:00', timezone: 'America/Chicago\u0000' }],
        }),
        400,
        'INVALID_PARAMETER',
        'address.address_1',
      );
      expectProblem(await post('/v1/locations', { name: 'L', schedules: [{ byday: ['MO', 'TU\u0000'] }] }), 400, 'INVALID_PARAMETER', 'schedules[0].byday[1]');
      expectProblem(await post('/v1/organizations', { name: 'x', 'key\u0000': 'y' }), 400, 'INVALID_PARAMETER');
      // an unpaired surrogate cannot be encoded as UTF-8 at all
      const lone = await request(url)
        .post('/v1/organizations')
        .set(bearer(keys.write))
        .set('content-type', 'application/json')
        .send('{"name":"a\\ud800b","description":"x"}');
      expectProblem(lone, 400, 'INVALID_PARAMETER', 'name');
      // before the If-Match check (428) and before the guard (401)
      const patch = await request(url).patch(`/v1/organizations/${ORGANIZATION_ID}`).set(bearer(keys.write)).send({ description: '\u0000' });
      expectProblem(patch, 400, 'INVALID_PARAMETER', 'description');
      expectProblem(await request(url).post('/v1/organizations').send({ name: '\u0000' }), 400, 'INVALID_PARAMETER', 'name');
    });

    it('leaves import file text to the import parsers (which name the line) and GraphQL bodies to GraphQL', async () => {
      const csv = await request(url)
        .post('/v1/imports')
        .set(bearer(keys.write))
        .send({ format: 'geojson', content: '{"type":"FeatureCollection","features":[]}\u0000', dry_run: true });
      expect(csv.status).toBe(400);
      expect(csv.body.detail).toMatch(/line \d+/);
      expectProblem(
        await request(url).post('/v1/imports').set(bearer(keys.write)).send({ format: 'geojson\u0000', content: '{}' }),
        400,
        'INVALID_PARAMETER',
        'format',
      );
      const graphql = await request(url).post('/graphql').send({ query: '{ search(postal_code: "75215", q: "a\\u0000b") { data { distanceM } } }' });
      expect(graphql.headers['content-type']).not.toMatch(/problem\+json/);
    });
  });

  describe('errors raised before our code runs are problem+json, and never echo the URL', () => {
    it('malformed JSON: 400 INVALID_PARAMETER naming the body, not INVALID_ID', async () => {
      const res = await request(url).post('/v1/organizations').set(bearer(keys.write)).set('content-type', 'application/json').send(`{"name": "${MARKER}`);
      expectProblem(res, 400, 'INVALID_PARAMETER', 'body');
      expectNoEcho(res, MARKER);
    });

    it('an empty JSON body on POST: 400 naming the body', async () => {
      const res = await request(url).post('/v1/organizations').set(bearer(keys.write)).set('content-type', 'application/json').send('');
      expectProblem(res, 400, 'INVALID_PARAMETER', 'body');
    });

    it('__proto__ and constructor keys: 400 naming the key, and nothing is polluted', async () => {
      const send = (raw: string) => request(url).post('/v1/organizations').set(bearer(keys.write)).set('content-type', 'application/json').send(raw);
      expectProblem(await send('{"name":"x","__proto__":{"polluted":"yes"}}'), 400, 'INVALID_PARAMETER', '__proto__');
      expectProblem(await send('{"name":"x","address":{"constructor":{"prototype":{"polluted":"yes"}}}}'), 400, 'INVALID_PARAMETER', 'address.constructor');
      expectProblem(await send('{"phones":[{"__proto__":{"polluted":"yes"}}]}'), 400, 'INVALID_PARAMETER', 'phones[0].__proto__');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it(`a body nested 5,000 deep: 400 (the bound is ${MAX_JSON_DEPTH} levels), and the server stays up`, async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      for (const [method, path] of [
        ['post', '/v1/organizations'],
        ['patch', `/v1/organizations/${ORGANIZATION_ID}`],
        ['post', '/v1/imports'],
      ] as const) {
        const res = await request(url)[method](path).set(bearer(keys.write)).set('content-type', 'application/json').send(`{"name":${deep}}`);
        expectProblem(res, 400, 'INVALID_PARAMETER', 'name');
      }
      const atBound = '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1);
      const ok = await request(url).post('/v1/organizations').set(bearer(keys.write)).set('content-type', 'application/json').send(`{"name":${atBound}}`);
      expect(ok.status).toBe(400);
      expect(ok.body.detail).not.toMatch(/nested/);
      await request(url).get('/health/live').expect(200);
    });

    it('414 FST_ERR_MAX_PARAM_LENGTH: problem+json without the path', async () => {
      const res = await request(url).get(`/v1/taxonomy/${MARKER}${'a'.repeat(200)}`);
      expectProblem(res, 414, 'URI_TOO_LONG');
      expectNoEcho(res, MARKER);
      expect(res.text).not.toContain('FST_ERR');
    });

    it('400 FST_ERR_BAD_URL: problem+json without the URL', async () => {
      const res = await request(url).get(`/v1/organizations/${MARKER}%zz?near=32.7767,-96.7970`);
      expectProblem(res, 400, 'BAD_REQUEST');
      expectNoEcho(res, MARKER, '32.7767');
      expect(res.text).not.toContain('FST_ERR');
    });

    it('413 body too large: problem+json, refused from Content-Length before the body is read', async () => {
      const res = await rawHttp(
        port,
        `POST /v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${17 * 1024 * 1024}\r\n\r\n{"format":`,
      );
      expect(res.status).toBe(413);
      expect(res.headers).toMatch(/content-type: application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('Content-Length together with chunked encoding (a request-smuggling shape): 400 problem+json', async () => {
      const res = await rawHttp(
        port,
        'POST /v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      );
      expect(res.status).toBe(400);
      expect(res.headers).toMatch(/content-type: application\/problem\+json/);
    });

    it("what Node's HTTP parser refuses (not HTTP, headers too large) is problem+json too", async () => {
      const garbage = await rawHttp(port, `GET /v1/${MARKER} HTTP/9.9 nonsense\r\n\r\n`);
      expect(garbage.status).toBe(400);
      expect(garbage.headers).toMatch(/content-type: application\/problem\+json/);
      expect(JSON.parse(garbage.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
      expect(garbage.body).not.toContain(MARKER);
      const huge = await rawHttp(port, `GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge.status).toBe(431);
      expect(JSON.parse(huge.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
    });

    it('404 for an unknown route and 405 (with Allow) for a known path with the wrong method', async () => {
      const missing = await request(url).get(`/v1/nowhere?postal_code=${MARKER}`);
      expectProblem(missing, 404, 'ROUTE_NOT_FOUND');
      expectNoEcho(missing, MARKER);
      const put = await request(url).put('/v1/organizations').set(bearer(keys.write)).send({});
      expectProblem(put, 405, 'METHOD_NOT_ALLOWED');
      expect(put.headers.allow).toMatch(/GET/);
      expect(put.headers.allow).toMatch(/POST/);
      expectProblem(await request(url).delete('/v1/languages'), 405, 'METHOD_NOT_ALLOWED');
      expectProblem(await request(url).put('/graphql').send({}), 405, 'METHOD_NOT_ALLOWED');
    });
  });

  describe('JSON bodies only', () => {
    it.each([
      ['form-urlencoded', 'application/x-www-form-urlencoded', 'name=Form+Org&description=x'],
      ['text/plain', 'text/plain', '{"name":"Text Org","description":"x"}'],
      ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nMultipart Org\r\n--x--\r\n'],
      ['no content-type', undefined, '{"name":"Bare Org","description":"x"}'],
    ])('a %s POST is 415', async (_label, type, body) => {
      const res = type
        ? await request(url).post('/v1/organizations').set(bearer(keys.write)).set('content-type', type).send(body)
        : await rawPost(port, '/v1/organizations', keys.write.key, body);
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('a form post creates nothing', async () => {
      const name = `Form Post Probe ${Date.now()} (fictional)`;
      await request(url).post('/v1/organizations').set(bearer(keys.write)).type('form').send({ name, description: 'x' }).expect(415);
      const [{ count }] = await app.get(DataSource).query('SELECT count(*)::int AS count FROM organization WHERE name = $1', [name]);
      expect(count).toBe(0);
    });

    it('the import endpoint keeps taking its JSON upload', async () => {
      const res = await request(url)
        .post('/v1/imports')
        .set(bearer(keys.write))
        .send({ format: 'geojson', content: '{"type":"FeatureCollection","features":[]}', dry_run: true });
      expect(res.status).toBe(200);
    });

    it('DELETE with content-type: application/json and no body works', async () => {
      const created = await request(url)
        .post('/v1/organizations')
        .set(bearer(keys.write))
        .send({ name: 'Hostile Input Delete Probe (fictional)', description: 'Test record.' })
        .expect(201);
      const res = await request(url)
        .delete(`/v1/organizations/${created.body.id}`)
        .set(bearer(keys.write))
        .set('if-match', created.headers.etag)
        .set('content-type', 'application/json');
      expect(res.status).toBe(204);
    });
  });

  describe('query parameters', () => {
    it.each([
      ['/v1/languages'],
      [`/v1/organizations/${ORGANIZATION_ID}`],
      [`/v1/services/${UNKNOWN_ID}`],
      ['/v1/taxonomy/service.moud'],
      ['/hsds'],
      ['/hsds/'],
      [`/hsds/services/${UNKNOWN_ID}`],
      ['/health/live'],
      ['/health/ready'],
      ['/embed/widget.js'],
      ['/embed/listings'],
      ['/openapi.json'],
    ])('rejects an unknown parameter on %s', async (path) => {
      const res = await request(url).get(`${path}?typo_param=1`);
      expectProblem(res, 400, 'INVALID_PARAMETER', 'typo_param');
    });

    it('rejects an unknown parameter on admin and write endpoints too', async () => {
      expectProblem(await request(url).get('/v1/keys?typo_param=1').set(bearer(keys.admin)), 400, 'INVALID_PARAMETER', 'typo_param');
      const post = await request(url).post('/v1/organizations?dry=1').set(bearer(keys.write)).send({ name: 'x', description: 'y' });
      expectProblem(post, 400, 'INVALID_PARAMETER', 'dry');
    });

    it.each(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype'])('rejects %s as a parameter name, everywhere', async (name) => {
      for (const path of ['/v1/organizations', '/v1/search?postal_code=75215', '/hsds/services', '/v1/languages', '/embed/listings']) {
        const res = await request(url).get(`${path}${path.includes('?') ? '&' : '?'}${name}=1`);
        expectProblem(res, 400, 'INVALID_PARAMETER', name);
      }
      expect(Object.prototype).not.toHaveProperty('1');
    });

    it('a parameter given twice: "given more than once", not a length or type complaint', async () => {
      const res = await request(url).get('/v1/search?postal_code=75215&q=a&q=b');
      expectProblem(res, 400, 'INVALID_PARAMETER', 'q');
      expect(res.body.detail).toMatch(/more than once/);
      expect(res.body.detail).not.toMatch(/shorter|must be a string/);
    });

    it.each(['0x10', '%205', '5%20', '1e1', '2.5', 'Infinity', 'NaN', '', '%2B5', '-0x1'])(
      '%s as an integer is a 400 (plain decimal digits only)',
      async (value) => {
        for (const [path, name] of [
          ['/v1/organizations', 'limit'],
          ['/v1/changes', 'limit'],
          ['/v1/search?postal_code=75215&verified_within_days=365', 'limit'],
          ['/hsds/services', 'per_page'],
          ['/hsds/organizations', 'page'],
        ]) {
          const res = await request(url).get(`${path}${path.includes('?') ? '&' : '?'}${name}=${value}`);
          expectProblem(res, 400, 'INVALID_PARAMETER', name);
        }
      },
    );

    it('decimal parameters take plain decimals and nothing else', async () => {
      await request(url).get('/v1/search?postal_code=75215&radius=2.5').expect(200);
      await request(url).get('/hsds/service_at_locations?postcode=75215&proximity=2500.5').expect(200);
      for (const value of ['0x10', '1e1', '%202', 'Infinity', '', '.5']) {
        expectProblem(await request(url).get(`/v1/search?postal_code=75215&radius=${value}`), 400, 'INVALID_PARAMETER', 'radius');
        expectProblem(await request(url).get(`/hsds/service_at_locations?postcode=75215&proximity=${value}`), 400, 'INVALID_PARAMETER', 'proximity');
      }
      expectProblem(await request(url).get('/embed/listings?radius-km=1e1'), 400, 'INVALID_PARAMETER', 'radius-km');
      expectProblem(await request(url).get('/embed/listings?limit=%205'), 400, 'INVALID_PARAMETER', 'limit');
    });

    it('still accepts ordinary requests', async () => {
      await request(url).get('/v1/organizations?limit=5').expect(200);
      await request(url).get('/hsds/services?per_page=5&page=1').expect(200);
      await request(url).get('/embed/widget.js?v=1').expect(200);
      await request(url).get('/embed/listings?postal-code=75215&limit=5').expect(200);
      await request(url).get('/v1/languages').expect(200);
    });
  });

  describe('every GET route in the OpenAPI document, every query parameter', () => {
    /** An example as the document gives one: a repeated (array) parameter's is an array. */
    type Example = string | number | boolean | Array<string | number | boolean>;
    type Parameter = {
      name: string;
      in: string;
      required?: boolean;
      example?: Example;
      schema?: { type?: string; example?: Example; enum?: Example[]; format?: string };
    };

    /** A URL the route accepts, with path parameters and required query parameters from the document's examples. */
    function baseUrl(path: string, parameters: Parameter[]): { path: string; required: URLSearchParams } {
      let concrete = path;
      for (const p of parameters.filter((x) => x.in === 'path')) {
        const example = p.example ?? p.schema?.example ?? (p.schema?.format === 'uuid' ? UNKNOWN_ID : 'service.moud');
        concrete = concrete.replace(`{${p.name}}`, encodeURIComponent(String(example)));
      }
      const required = new URLSearchParams();
      for (const p of parameters.filter((x) => x.in === 'query' && x.required)) {
        required.set(p.name, String(p.example ?? p.schema?.example ?? p.schema?.enum?.[0] ?? 'x'));
      }
      return { path: concrete, required };
    }

    function withParam(base: { path: string; required: URLSearchParams }, extra: string): string {
      const query = [base.required.toString(), extra].filter(Boolean).join('&');
      return `${base.path}?${query}`;
    }

    it('answers each hostile parameter with 400 problem+json naming it, never a 5xx', async () => {
      const document = createOpenApiDocument(app);
      const failures: string[] = [];
      let requests = 0;
      const probe = async (target: string, name: string, secured: boolean, what: string) => {
        requests++;
        let req = request(url).get(target);
        if (secured) req = req.set(bearer(keys.admin));
        const res = await req;
        const named = (res.body?.invalid_params ?? []).some((p: { name: string }) => p.name === name);
        if (res.status >= 500) failures.push(`${what} ${target}: ${res.status} (5xx)`);
        else if (
          res.status !== 400 ||
          !/^application\/problem\+json/.test(res.headers['content-type'] ?? '') ||
          res.body.code !== 'INVALID_PARAMETER' ||
          !named
        ) {
          failures.push(`${what} ${target}: ${res.status} ${res.body?.code} ${JSON.stringify(res.body?.invalid_params ?? [])}`);
        }
      };

      let routes = 0;
      for (const [path, item] of Object.entries(document.paths)) {
        const get = (item as { get?: { parameters?: Parameter[]; security?: unknown[] } }).get;
        if (!get) continue;
        routes++;
        const parameters = get.parameters ?? [];
        const secured = Boolean(get.security?.length);
        const base = baseUrl(path, parameters);
        await probe(withParam(base, 'not_a_parameter=1'), 'not_a_parameter', secured, 'unknown');
        for (const p of parameters.filter((x) => x.in === 'query')) {
          const good = String(p.example ?? p.schema?.example ?? p.schema?.enum?.[0] ?? '1');
          const others = new URLSearchParams(base.required);
          others.delete(p.name);
          const rest = { path: base.path, required: others };
          await probe(withParam(rest, `${p.name}_typo=${encodeURIComponent(good)}`), `${p.name}_typo`, secured, 'misspelt');
          await probe(withParam(rest, `${p.name}=${encodeURIComponent(good)}%00`), p.name, secured, 'NUL');
          // a parameter the spec declares as an exploded array may be repeated (search's code filters AND)
          if (p.schema?.type !== 'array') {
            await probe(withParam(rest, `${p.name}=${encodeURIComponent(good)}&${p.name}=${encodeURIComponent(good)}`), p.name, secured, 'twice');
          }
          const type = p.schema?.type;
          if (type === 'integer' || type === 'number') {
            const bad = ['0x10', '%205', '5%20', '1e1', 'Infinity', 'NaN', ''];
            if (type === 'integer') bad.push('2.5');
            for (const value of bad) await probe(withParam(rest, `${p.name}=${value}`), p.name, secured, 'number');
          }
        }
      }
      expect(routes).toBeGreaterThanOrEqual(25);
      expect(requests).toBeGreaterThan(200);
      expect(failures).toEqual([]);
    });
  });
});

/** A POST without any content-type header, which supertest would add. */
async function rawPost(port: number, path: string, key: string, body: string): Promise<Response> {
  const raw = await rawHttp(
    port,
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const type = /content-type: ([^\r\n]+)/.exec(raw.headers)?.[1] ?? '';
  return { status: raw.status, headers: { 'content-type': type }, body: JSON.parse(raw.body || '{}'), text: raw.body } as unknown as Response;
}
