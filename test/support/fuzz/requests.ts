import fc from 'fast-check';
import type { Corpus } from './corpus';
import { tamperedCursor } from './cursors';
import { FuzzRequest, percentEncode, QueryValue, withQuery } from './http';
import type { FuzzSurface, GetOperation, GraphQLArgument, QueryParameter } from './surface';
import {
  bboxText,
  booleanText,
  codeListText,
  dateTimeText,
  hostileText,
  hostileValue,
  longText,
  nearText,
  numberText,
  postalText,
  rawFragment,
  uuidText,
} from './values';

export interface FuzzModel {
  surface: FuzzSurface;
  corpus: Corpus;
}

type Entry = [QueryValue, QueryValue];

const normalized = (name: string) => name.toLowerCase().replace(/-/g, '_');
const TAXONOMY_PARAMS = new Set(['service', 'services', 'transport', 'access', 'population', 'principle', 'branch', 'taxonomy_term_id', 'code']);
const LOCATORS = ['near', 'postal_code', 'bbox'];
const allIds = (corpus: Corpus) => [...corpus.ids.values()].flat();

/** A value that could be right for this parameter, chosen by its name first, then by its OpenAPI schema. */
function plausibleValue(param: QueryParameter, path: string, corpus: Corpus): fc.Arbitrary<string> {
  const name = normalized(param.name);
  const { schema } = param;
  if (name === 'cursor' || name === 'since') return tamperedCursor(corpus.cursors, path);
  if (name === 'near') return nearText(corpus.points);
  if (name === 'bbox') return bboxText;
  if (/postal|postcode|zip/.test(name)) return postalText;
  if (name === 'language' || name === 'languages') return codeListText(corpus.languageCodes);
  if (TAXONOMY_PARAMS.has(name)) return codeListText(corpus.taxonomyCodes);
  if (schema.enum?.length) {
    const values = schema.enum.map(String);
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...values) },
      { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => v.toUpperCase()), '', ' ') },
    );
  }
  if (schema.format === 'uuid' || name === 'id' || name.endsWith('_id')) return uuidText(allIds(corpus));
  if (schema.format === 'date-time' || name === 'open_at' || name.endsWith('_after')) return dateTimeText;
  if (schema.type === 'number' || schema.type === 'integer') return numberText(schema.minimum ?? -10, schema.maximum ?? 1000);
  if (schema.type === 'boolean') return booleanText;
  if (schema.example !== undefined) {
    const example = String(schema.example);
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(example) },
      { weight: 1, arbitrary: fc.constantFrom(example.toUpperCase(), `${example}x`, ` ${example}`) },
    );
  }
  return hostileText;
}

function valueFor(param: QueryParameter, path: string, corpus: Corpus): fc.Arbitrary<QueryValue> {
  // mostly plausible: one hostile value already decides the answer (400), and the plausible ones reach SQL
  return fc.oneof({ weight: 7, arbitrary: plausibleValue(param, path, corpus) }, { weight: 1, arbitrary: hostileValue });
}

/** Names nobody declared: prototype keys, typos of real names, array and object syntax, junk. */
const strangeName: fc.Arbitrary<QueryValue> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'toString',
    'Near',
    'zip',
    'lat',
    'LIMIT',
    'limit[]',
    'limit[0]',
    'cursor[$ne]',
    'a.b',
    '__proto__[x]',
    '',
    ' ',
    'api_key',
  ),
  hostileText,
  rawFragment,
);

function queryFor(op: GetOperation, corpus: Corpus): fc.Arbitrary<Entry[]> {
  const declared = op.query.map((param) => valueFor(param, op.path, corpus).map((value): Entry => [param.name, value]));
  const strange = fc.tuple(strangeName, hostileValue).map((pair): Entry => pair);
  const entry = declared.length ? fc.oneof({ weight: 20, arbitrary: fc.oneof(...declared) }, { weight: 1, arbitrary: strange }) : strange;
  // required parameters and, for search, one locator: present most of the time, or nearly every request is the same 400
  const needed = op.query.filter((p) => p.required || LOCATORS.includes(p.name));
  const locators = needed.filter((p) => LOCATORS.includes(p.name));
  const required = needed.filter((p) => p.required);
  const prefix = fc.tuple(
    ...required.map((p) =>
      fc.option(
        valueFor(p, op.path, corpus).map((v): Entry => [p.name, v]),
        { freq: 10 },
      ),
    ),
    locators.length
      ? fc.option(fc.oneof(...locators.map((p) => valueFor(p, op.path, corpus).map((v): Entry => [p.name, v]))), { freq: 10 })
      : fc.constant(null),
  );
  const rest = fc.array(entry, { maxLength: declared.length ? 4 : 2 });
  const sometimes = declared.length ? rest : fc.oneof({ weight: 4, arbitrary: fc.constant([] as Entry[]) }, { weight: 1, arbitrary: rest });
  return fc.tuple(prefix, sometimes).map(([first, more]) => [...(first as (Entry | null)[]).filter((e): e is Entry => e !== null), ...more]);
}

function pathValue(op: GetOperation, param: string, corpus: Corpus): fc.Arbitrary<string> {
  const listPath = op.path.slice(0, op.path.lastIndexOf('/'));
  const own = corpus.ids.get(listPath) ?? [];
  const plausible = TAXONOMY_PARAMS.has(param)
    ? fc.constantFrom(...(corpus.taxonomyCodes.length ? corpus.taxonomyCodes : ['service']))
    : uuidText(own.length ? own : allIds(corpus));
  const encodedHostile = hostileValue.map((v) => (typeof v === 'string' ? percentEncode(v) : v.raw));
  return fc.oneof(
    { weight: 6, arbitrary: plausible.map(percentEncode) },
    { weight: 1, arbitrary: uuidText(allIds(corpus)).map(percentEncode) },
    { weight: 2, arbitrary: encodedHostile },
    { weight: 1, arbitrary: longText.map(percentEncode) },
  );
}

function restRequest(op: GetOperation, corpus: Corpus): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...op.pathParams.map((param) => pathValue(op, param, corpus)));
  return fc.tuple(segments, queryFor(op, corpus)).map(([values, query]) => {
    let path = op.path;
    op.pathParams.forEach((param, i) => (path = path.replace(`{${param}}`, values[i])));
    return { operation: `GET ${op.path}`, method: 'GET', target: withQuery(path, query) };
  });
}

/** Real paths bent out of shape: case, slashes, dot segments, bad escapes, a trailing junk segment. */
function oddPath(operations: GetOperation[]): fc.Arbitrary<FuzzRequest> {
  const paths = operations.filter((op) => op.pathParams.length === 0).map((op) => op.path);
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('upper', 'slash', 'double', 'dot', 'escape', 'junk', 'encoded-slash', 'semicolon'), rawFragment)
    .map(([path, how, fragment]) => {
      const raw = typeof fragment === 'string' ? fragment : fragment.raw;
      const target = {
        upper: path.toUpperCase(),
        slash: `${path}/`,
        double: path.replace('/', '//'),
        dot: `${path}/../${path.split('/').pop()}`,
        escape: `${path}/${raw}`,
        junk: `${path}/x`,
        'encoded-slash': path.replace(/\//g, '%2F'),
        semicolon: `${path};jsessionid=1`,
      }[how];
      return { operation: `GET (odd path ${how})`, method: 'GET', target };
    });
}

/** A GraphQL variable of the declared type, or of a wrong one. */
function variableValue(arg: GraphQLArgument, corpus: Corpus): fc.Arbitrary<unknown> {
  const wrongType = fc.constantFrom<unknown>(null, [], {}, [1, 2], { a: 1 }, true, 'x', 1.5, 2 ** 31, -(2 ** 31) - 1, 1e308, '1');
  const typed = (() => {
    switch (arg.type) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer(), fc.constantFrom(0, -1, 1, 100, 101, 2 ** 31 - 1));
      case 'Float':
        return fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 300, 300.0001));
      case 'Boolean':
        return fc.boolean();
      default:
        return fc.oneof(
          { weight: 4, arbitrary: plausibleValue({ name: arg.name, required: false, schema: { type: 'string' } }, '/v1/search', corpus) },
          { weight: 1, arbitrary: hostileText },
        );
    }
  })();
  // an explicit null is valid GraphQL for any nullable argument, and a classic crash
  return fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: wrongType });
}

function graphqlSearch(args: GraphQLArgument[], corpus: Corpus): fc.Arbitrary<FuzzRequest> {
  const locators = args.filter((a) => LOCATORS.includes(a.name));
  const others = args.filter((a) => !LOCATORS.includes(a.name));
  return fc
    .tuple(fc.option(fc.constantFrom(...locators), { freq: 8 }), fc.subarray(others, { maxLength: 4 }))
    .chain(([locator, rest]) => {
      const chosen = locator ? [locator, ...rest] : rest;
      return fc.tuple(fc.constant(chosen), fc.tuple(...chosen.map((a) => variableValue(a, corpus))));
    })
    .map(([chosen, values]) => {
      const declarations = chosen.map((a) => `$${a.name}: ${a.type}${a.required ? '!' : ''}`).join(', ');
      const uses = chosen.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `query Fuzz${declarations ? `(${declarations})` : ''} { search${uses ? `(${uses})` : ''} { data { id distanceM openNow nextOpensAt } page { limit nextCursor } } }`;
      const variables = Object.fromEntries(chosen.map((a, i) => [a.name, values[i]]));
      return { operation: 'POST /graphql search', method: 'POST', target: '/graphql', body: JSON.stringify({ query, variables }) };
    });
}

const WEIGHTS: Record<string, number> = { '/v1/search': 10, '/v1/changes': 3, '/v1/export': 2 };

/** Any request of the public surface, weighted towards search (the most parameters) and GraphQL search. */
export function fuzzRequest({ surface, corpus }: FuzzModel): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...surface.operations.map((op) => ({ weight: WEIGHTS[op.path] ?? (op.pathParams.length ? 2 : 1), arbitrary: restRequest(op, corpus) })),
    { weight: 6, arbitrary: graphqlSearch(surface.searchArgs, corpus) },
    { weight: 2, arbitrary: oddPath(surface.operations) },
  );
}
