import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { toOpenApi31 } from '../../contracts/openapi-3-1';
import { documentHttpBehaviour } from './http-behaviour';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem.schema';
import { HEADERS } from './response-headers';
import { SEARCH_FEATURE_COLLECTION_NAME, SEARCH_FEATURE_COLLECTION_SCHEMA } from './search-geojson.schema';

const TAGS: [name: string, description: string][] = [
  ['search', 'Find the nearest matching services by coordinates, ZIP code or map viewport (JSON, GeoJSON or plain text).'],
  ['organizations', 'Organizations that run harm-reduction programs.'],
  ['services', 'Services (syringe services, MOUD, naloxone...) and their verification.'],
  ['locations', 'Places where services are offered, and outreach service areas.'],
  ['service-at-locations', 'A service offered at a location: the unit search returns.'],
  ['taxonomy', 'The harm-reduction service taxonomy, its aliases and crosswalks.'],
  ['sync', 'Change feed, audit log and whole-directory export for mirrors.'],
  ['imports', 'Bulk imports (HSDS, SAMHSA MOUD list, CSV).'],
  ['hsds', 'Open Referral HSDS 3.0 API (read-only).'],
  ['api-keys', 'API keys for writes (admin scope).'],
  ['health', 'Liveness and readiness probes.'],
];

/** The OpenAPI 3.1 document: what the decorators say, plus the document-level parts they cannot carry. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Harm-reduction service directory API')
    .setDescription(
      'Find syringe services programs, MOUD clinics, naloxone and related harm-reduction services. ' +
        'Errors are RFC 9457 problem+json with a machine-readable `code`. Lists are keyset-paginated: ' +
        'pass `next_cursor` back as `cursor` (also given in a `Link: rel="next"` header). ' +
        'Every response carries RateLimit-* headers; past the limit, 429 with Retry-After. ' +
        'GraphQL with the same semantics is at /graphql.',
    )
    .setVersion('1')
    .setContact('Harm-reduction directory maintainers', 'https://harm-reduction-directory.example.org', '')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server (the API is served from the root of its host).')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'hrd_ API key (opaque, not a JWT)',
        description:
          'An API key, `Authorization: Bearer hrd_<43 base64url characters>`, created with `npm run keys:create` ' +
          'or POST /v1/keys. Scopes: read < write < admin. Reads are public; writes need write, keys and audit need admin.',
      },
      'bearer',
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (_controller, method) => method,
  });
  const components = (document.components ??= {});
  components.schemas = {
    ...components.schemas,
    [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA,
    [SEARCH_FEATURE_COLLECTION_NAME]: SEARCH_FEATURE_COLLECTION_SCHEMA,
  } as never;
  components.headers = JSON.parse(JSON.stringify(HEADERS)) as typeof HEADERS; // a plain copy: structuredClone's objects come from another realm under jest, which js-yaml refuses
  // Reads are public: a key is optional and only moves the caller to its own
  // rate-limit tier. Writes, keys and audit override this with `bearer` alone.
  document.security = [{}, { bearer: [] }];
  documentHttpBehaviour(document);
  return toOpenApi31(document);
}
