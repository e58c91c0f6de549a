import type { FastifyInstance, RouteOptions } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  method: string;
}

/** '/v1/organizations/:id' -> /^\/v1\/organizations\/[^/]+$/ (Fastify's router syntax, enough of it for our routes). */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Which methods a path answers, so a wrong method gets 405 with Allow rather
 * than 404 (the resource exists). Wildcard routes (CORS preflight, static
 * files) say nothing about whether a path exists, so they are left out.
 */
export class AllowedMethods {
  private readonly routes: KnownRoute[] = [];

  register(fastify: FastifyInstance): void {
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if (route.url.includes('*')) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) this.routes.push({ pattern: patternOf(route.url), method: method.toUpperCase() });
    });
  }

  for(path: string): string[] {
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    return [...methods].sort();
  }
}
