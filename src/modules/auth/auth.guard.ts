import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { isCrossOrigin } from '../../common/http/cors';
import { hashApiKey, looksLikeApiKey, Scope, scopeAllows } from './api-key';
import { ApiKeyRecord, ApiKeysRepository } from './api-keys.repository';
import { REQUIRED_SCOPE } from './require-scope.decorator';

export interface Caller {
  apiKey: Pick<ApiKeyRecord, 'id' | 'name' | 'scope'>;
}

export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  return context.getType<string>() === 'graphql'
    ? GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req
    : context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/**
 * Reads are open; a route marked @RequireScope needs `Authorization: Bearer
 * <key>`. No or unknown or revoked key: 401. Key without the scope: 403.
 * The key itself is never logged or stored, only its SHA-256.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    if (!needed) return true;
    const request = requestOf(context);
    if (isCrossOrigin(request)) {
      throw new DomainError(ErrorCode.Forbidden, 'Writes are not accepted from web pages on other origins; call the API from your server.');
    }
    const header = request.headers?.authorization;
    if (!header) throw new DomainError(ErrorCode.Unauthenticated, 'This operation needs an API key: Authorization: Bearer <key>.');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !looksLikeApiKey(match[1])) throw new DomainError(ErrorCode.Unauthenticated, 'The Authorization header is not a valid API key.');
    const key = await this.keys.findByHash(hashApiKey(match[1]));
    if (!key || key.revoked_at) throw new DomainError(ErrorCode.Unauthenticated, 'Unknown or revoked API key.');
    if (!scopeAllows(key.scope, needed)) {
      throw new DomainError(ErrorCode.Forbidden, `This operation needs the '${needed}' scope; this key has '${key.scope}'.`);
    }
    request.caller = { apiKey: { id: key.id, name: key.name, scope: key.scope } };
    void this.keys.touch(key.id).catch(() => undefined);
    return true;
  }
}
