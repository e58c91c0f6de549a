import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/**
 * The committed openapi.yaml as the oracle for every response an e2e test
 * receives: the status must be declared for the operation, the content type
 * declared for that status, the body valid against its schema (Ajv, JSON
 * Schema 2020-12, the document's own components), and every declared
 * required header present with a valid value. A response the document does
 * not describe is a violation.
 *
 * The document is the committed file, not the app's live rendering:
 * test/contracts.e2e-spec.ts fails when the two drift, so checking against
 * the file checks against what clients generate their code from.
 *
 * Three surfaces are outside the OpenAPI contract on purpose, each with its
 * own oracle: GraphQL (/graphql: its schema, test/graphql-tooling), the embed
 * pages and widget (/embed/*: HTML and JavaScript, test/embed in Chromium)
 * and the human docs (/docs, /openapi.json). Their error responses must still
 * be the documented Problem; a path that is in none of these must be a 404 or
 * 405 Problem.
 */
export interface ObservedResponse {
  method: string;
  /** The request path as sent (a query string is ignored). */
  path: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, text, or a Buffer of bytes, as the HTTP client gave it. */
  body: unknown;
  /** The raw text where the client kept it (supertest's `res.text`). */
  text?: string;
}

interface MediaType {
  schema?: object;
  'x-ndjson-line'?: object;
}
interface DeclaredResponse {
  content?: Record<string, MediaType>;
  headers?: Record<string, { $ref: string }>;
}
interface Operation {
  responses: Record<string, DeclaredResponse>;
  requestBody?: { content: Record<string, MediaType> };
}
interface OpenApi {
  components: { headers: Record<string, { schema: object; required?: boolean }> };
  paths: Record<string, Record<string, Operation>>;
}

const OUTSIDE_CONTRACT = [/^\/graphql$/, /^\/embed(\/|$)/, /^\/docs(\/|$|-json)/, /^\/openapi\.(json|yaml)$/, /^\/favicon\.ico$/];
/** Routes the server registers twice (src/modules/hsds-api/hsds-api.module.ts: HSDS clients ask for /hsds/). */
const ALIASES: Record<string, string> = { '/hsds/': '/hsds' };
const PROBLEM_SCHEMA = '#/components/schemas/Problem';

let cached: ReturnType<typeof build> | undefined;

/** The validator for the committed document (built once per test file). */
export function openApiResponses(): ReturnType<typeof build> {
  cached ??= build(load(readFileSync(join(__dirname, '../../openapi.yaml'), 'utf8')) as OpenApi);
  return cached;
}

function build(document: OpenApi) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: 'openapi' });
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let check = compiled.get(pointer);
    if (!check) compiled.set(pointer, (check = ajv.compile({ $ref: `openapi${pointer}` })));
    return check;
  };
  const pointers = new Map<object, string>();
  const pointerOf = (schema: object) => {
    let pointer = pointers.get(schema);
    if (pointer === undefined) pointers.set(schema, (pointer = `#${pointerTo(document, schema)}`));
    return pointer;
  };
  const validate = (pointer: string, value: unknown, at: string, out: string[]) => {
    const check = validatorAt(pointer);
    if (!check(value)) out.push(`${at}: ${ajv.errorsText(check.errors, { dataVar: 'body' }).slice(0, 1500)}`);
  };

  // Templates such as /v1/organizations/{id}, literal paths first (/v1/keys before /v1/keys/{id}).
  // A parameter may be empty: the router sends /hsds/organizations/ to {id} with id '', whose 400 is declared.
  const templates = Object.keys(document.paths)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]*')}$`) }))
    .sort((a, b) => (a.template.includes('{') ? 1 : 0) - (b.template.includes('{') ? 1 : 0));
  const operationPath = (path: string) => {
    const find = (p: string) => templates.find((t) => t.pattern.test(p))?.template;
    return find(ALIASES[path] ?? path);
  };

  const textOf = (res: ObservedResponse) => {
    if (typeof res.text === 'string') return res.text;
    if (Buffer.isBuffer(res.body)) return res.body.toString('utf8');
    return typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
  };
  const jsonOf = (res: ObservedResponse) => {
    if (res.body !== null && typeof res.body === 'object' && !Buffer.isBuffer(res.body)) return res.body;
    try {
      return JSON.parse(textOf(res));
    } catch {
      return undefined;
    }
  };
  const mediaTypeOf = (res: ObservedResponse) =>
    String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();

  /** Outside the contract, or an unknown path: only errors are checked, as Problems. */
  const checkProblemOnly = (res: ObservedResponse, at: string, out: string[]) => {
    if (res.status < 400) return;
    if (mediaTypeOf(res) !== 'application/problem+json') {
      out.push(`${at}: an error must be application/problem+json, got ${mediaTypeOf(res) || 'no content-type'}`);
      return;
    }
    validate(PROBLEM_SCHEMA, jsonOf(res), at, out);
  };

  return {
    /** How a JSON request body departs from the operation's declared request schema. */
    requestViolations(method: string, template: string, body: unknown): string[] {
      const out: string[] = [];
      const media = document.paths[template]?.[method.toLowerCase()]?.requestBody?.content['application/json'];
      if (!media?.schema) return [`${method.toUpperCase()} ${template}: no JSON request body declared`];
      validate(pointerOf(media.schema), body, `${method.toUpperCase()} ${template} request`, out);
      return out;
    },
    /** Every way the response departs from the document (empty: it is described). */
    violations(res: ObservedResponse, options: { headers?: boolean; body?: boolean } = {}): string[] {
      const out: string[] = [];
      const path = res.path.split('?')[0];
      const method = res.method.toLowerCase() === 'head' ? 'get' : res.method.toLowerCase();
      const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path; // fuzzed paths can be 16 KiB
      const at = `${res.method.toUpperCase()} ${shown} → ${res.status}`;
      if (method === 'options' || OUTSIDE_CONTRACT.some((p) => p.test(path))) {
        // GraphQL answers 400/405 itself as JSON {errors}; its own tests check those.
        if (!/^\/graphql$/.test(path)) checkProblemOnly(res, at, out);
        return out;
      }
      const template = operationPath(path);
      const operation = template ? document.paths[template][method] : undefined;
      if (!operation) {
        // a target that is not origin-form ("/…"), or whose path is not valid percent-encoding
        // (`/health/live/%`), is a malformed request whatever route it aims at: 400 is the honest answer
        const expected = path.startsWith('/') && decodes(path) ? [404, 405] : [400, 404, 405];
        if (!expected.includes(res.status)) out.push(`${at}: no operation ${method.toUpperCase()} ${shown} in openapi.yaml, and not a ${expected.join('/')}`);
        checkProblemOnly(res, at, out);
        return out;
      }
      const declared = operation.responses[String(res.status)];
      const name = `${method.toUpperCase()} ${template} → ${res.status}`;
      if (!declared) {
        out.push(`${name}: status not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
        return out;
      }
      for (const [header, ref] of options.headers === false ? [] : Object.entries(declared.headers ?? {})) {
        const spec = document.components.headers[ref.$ref.split('/').pop()!];
        const value = res.headers[header.toLowerCase()];
        if (value === undefined) {
          if (spec.required) out.push(`${name}: required header ${header} missing`);
          continue;
        }
        const typed = (spec.schema as { type?: string }).type === 'integer' ? Number(value) : value;
        validate(pointerOf(spec.schema), typed, `${name} header ${header}`, out);
      }
      if (res.status === 204 || res.status === 304 || res.method.toLowerCase() === 'head') return out;
      if (options.body === false) return out;
      const type = mediaTypeOf(res);
      const media = declared.content?.[type];
      if (!media) {
        out.push(`${name}: content type ${type || '(none)'} not declared (declared: ${Object.keys(declared.content ?? {}).join(', ') || 'none'})`);
        return out;
      }
      if (!media.schema) return out;
      if (type === 'application/x-ndjson') {
        const text = textOf(res);
        validate(pointerOf(media.schema), text, name, out);
        const line = media['x-ndjson-line'];
        if (line) {
          for (const [i, raw] of text.split('\n').filter(Boolean).slice(0, 200).entries()) {
            let parsed: unknown;
            try {
              parsed = JSON.parse(raw);
            } catch {
              out.push(`${name} line ${i + 1}: not JSON`);
              continue;
            }
            validate(pointerOf(line), parsed, `${name} line ${i + 1}`, out);
          }
        }
        return out;
      }
      const isJson = type === 'application/json' || type.endsWith('+json');
      const isBinary = (media.schema as { format?: string; contentMediaType?: string }).format === 'binary' || 'contentMediaType' in media.schema;
      if (isBinary) return out; // zip packages: their contents are checked by test/hsds-export-validity
      validate(pointerOf(media.schema), isJson ? jsonOf(res) : textOf(res), name, out);
      return out;
    },
  };
}

/** JSON pointer of a schema object inside the document (so its $refs resolve against the document). */
function pointerTo(root: unknown, target: object, pointer = ''): string {
  if (root === target) return pointer;
  if (root && typeof root === 'object') {
    for (const [key, value] of Object.entries(root)) {
      const found = pointerTo(value, target, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      if (found) return found;
    }
  }
  return '';
}

/** Whether a URL path is valid percent-encoded UTF-8. */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
