import type { ApolloServerPlugin } from '@apollo/server';
import { createHash } from 'node:crypto';
import { GraphQLSchema, printSchema } from 'graphql';

/**
 * What a browser gets at `GET /graphql` (Accept: text/html): a static page
 * that explains how to query, with curl examples and the whole schema (SDL).
 *
 * Not an in-browser IDE, on purpose: Apollo's landing page and Nest's GraphiQL
 * option load their code from CDNs (third-party requests from our origin), and
 * GraphiQL 5 ships only ES modules that import React and Monaco, so serving it
 * ourselves would need a bundler step and megabytes of assets. Any desktop
 * or hosted client (GraphiQL, Insomnia, Postman, Apollo Sandbox) works against
 * this URL, because introspection is on.
 *
 * Apollo answers this before its CSRF check (the page runs no operation), so a
 * `GET /graphql?query=…` without a preflight header is still refused.
 */
export function graphqlIdePagePlugin(): ApolloServerPlugin {
  return {
    serverWillStart({ schema }) {
      const html = renderIdePage(schema);
      return Promise.resolve({
        renderLandingPage() {
          return Promise.resolve({ html });
        },
      });
    },
  };
}

const STYLE = [
  'body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}',
  'pre{background:#f4f4f4;padding:.75rem;overflow:auto;font-size:14px}',
  'code{font-size:.95em}',
  'summary{cursor:pointer;font-weight:600}',
].join('');

/**
 * Apollo sets only Content-Type on this response, so the policy rides in a
 * meta tag: nothing loads from anywhere, no script runs, and the one style
 * block is allowed by its hash instead of 'unsafe-inline'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// ORIGIN, not a host name: the page is built once at start-up and makes no
// absolute links, so it is the same behind any proxy and never points off-site.
const SEARCH_EXAMPLE = `curl "$ORIGIN/graphql" -H 'content-type: application/json' -d '{
  "query": "{ search(postal_code: \\"75215\\", service: \\"service.naloxone\\", limit: 5) { data { distanceM reach location { name } } page { nextCursor } } }"
}'`;

const VARIABLES_EXAMPLE = `curl "$ORIGIN/graphql" -H 'content-type: application/json' -d '{
  "query": "query($cursor: String) { organizations(limit: 3, cursor: $cursor) { data { name } page { nextCursor total } } }",
  "variables": { "cursor": null }
}'`;

export function renderIdePage(schema: GraphQLSchema): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>GraphQL API: Harm Reduction Directory</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>GraphQL API</h1>
<p>This URL answers GraphQL over HTTP. Send <code>POST /graphql</code> with
<code>content-type: application/json</code> and a body <code>{"query": "…", "variables": {…}}</code>.
It has the same records, filters and order of results as the REST API (<a href="/docs">REST docs</a>,
<a href="/openapi.json">OpenAPI</a>).</p>
<p>There is no in-browser editor here: this server loads no third-party code. Introspection is on,
so any GraphQL client (GraphiQL, Insomnia, Postman, Apollo Sandbox) or code generator can use this URL.
In the examples, <code>ORIGIN</code> is this page's origin (scheme, host and port).</p>
<h2>Examples</h2>
<pre><code>${escapeHtml(SEARCH_EXAMPLE)}</code></pre>
<pre><code>${escapeHtml(VARIABLES_EXAMPLE)}</code></pre>
<p>Code generators take this URL as their schema (for example <code>schema: ORIGIN/graphql</code> in graphql-codegen),
or the committed <code>schema.graphql</code>, which is the same schema as below.</p>
<h2>Conventions</h2>
<ul>
<li>Arguments are snake_case (<code>postal_code</code>, <code>open_now</code>), the same names as the REST query parameters,
so one set of documented rules and error <code>name</code>s serves both; fields are camelCase (<code>distanceM</code>, <code>nextCursor</code>), as GraphQL clients expect.</li>
<li>Errors carry <code>extensions.code</code> (and <code>invalid_params</code>), the same codes as REST.</li>
<li>A <code>GET /graphql?query=…</code> must carry a <code>content-type: application/json</code> or
<code>apollo-require-preflight</code> header (cross-site request forgery protection); <code>POST</code> needs nothing extra.</li>
<li>Documents are bounded in size, depth, aliases and cost; see the README.</li>
</ul>
<details>
<summary>Schema (SDL)</summary>
<pre><code>${escapeHtml(printSchema(schema))}</code></pre>
</details>
</main>
</body>
</html>
`;
}
