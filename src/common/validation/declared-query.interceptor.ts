import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { DomainError, ErrorCode } from '../errors/domain-error';

/** What a handler says about its query string: a whole DTO (validated by it), some named parameters, or nothing. */
type DeclaredQuery = { kind: 'dto' } | { kind: 'names'; names: Set<string> };

interface RouteArgument {
  index: number;
  data?: unknown;
}

function declaredQueryOf(controller: object, handler: string): DeclaredQuery {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArgument>;
  const names = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== Number(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data !== 'string') return { kind: 'dto' };
    names.add(arg.data);
  }
  return { kind: 'names', names };
}

/**
 * Unknown query parameters are rejected on every endpoint, so a typo never
 * silently widens a result. Handlers with a query DTO get that from the
 * ValidationPipe (forbidNonWhitelisted); this covers the handlers that
 * declare no query parameters at all (records by id, /v1/languages, health,
 * writes, ...) without each one having to remember it.
 */
@Injectable()
export class DeclaredQueryInterceptor implements NestInterceptor {
  private readonly cache = new WeakMap<object, DeclaredQuery>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const handler = context.getHandler();
      let declared = this.cache.get(handler);
      if (!declared) {
        declared = declaredQueryOf(context.getClass(), handler.name);
        this.cache.set(handler, declared);
      }
      if (declared.kind === 'names') {
        const query = (context.switchToHttp().getRequest<FastifyRequest>().query ?? {}) as Record<string, unknown>;
        const unknown = Object.keys(query).filter((name) => !(declared as { names: Set<string> }).names.has(name));
        if (unknown.length) {
          const shown = unknown.map((name) => name.slice(0, 60));
          throw new DomainError(
            ErrorCode.InvalidParameter,
            `Unknown parameter${shown.length > 1 ? 's' : ''} ${shown.map((n) => `'${n}'`).join(', ')}: this endpoint takes no query parameters${declared.names.size ? ` but ${[...declared.names].join(', ')}` : ''}.`,
            shown.map((name) => ({ name, reason: 'is not a parameter of this endpoint' })),
          );
        }
      }
    }
    return next.handle();
  }
}
