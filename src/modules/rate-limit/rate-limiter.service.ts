import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { rateLimitRejections } from '../metrics/metrics';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { toProblem } from '../../common/errors/problem-details.filter';
import { hashApiKey, looksLikeApiKey, Scope } from '../auth/api-key';
import { ApiKeysRepository } from '../auth/api-keys.repository';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './rate-limit.store';

const UNLIMITED = [/^\/health\//];
const KEY_CACHE_MS = 60_000;

/**
 * Fair use: a fixed window of requests per caller, by tier (anonymous per
 * client address, or the API key's scope). Every response says where the
 * caller stands (RateLimit-Limit / -Remaining / -Reset); past the limit, 429
 * with Retry-After. Client addresses and keys are only kept as keyed hashes.
 */
@Injectable()
export class RateLimiterService implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly store: RateLimitStore;
  private readonly windowMs: number;
  private readonly tiers: Record<'anonymous' | Scope, number>;
  /** hashes addresses so counters never hold a raw IP (shared through Redis: set one secret for all) */
  private readonly secret: string;
  private readonly keyCache = new Map<string, { scope: Scope | null; id: string | null; until: number }>();

  constructor(
    config: AppConfig,
    private readonly keys: ApiKeysRepository,
  ) {
    this.windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    this.secret = config.RATE_LIMIT_SECRET ?? randomBytes(32).toString('hex');
    this.tiers = config.rateLimitTiers;
    this.store = config.REDIS_URL ? new RedisRateLimitStore(config.REDIS_URL) : new MemoryRateLimitStore();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  /** Fastify onRequest hook: headers on every limited request, 429 past the limit. */
  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const path = request.url.split('?')[0];
    if (request.method === 'OPTIONS' || UNLIMITED.some((p) => p.test(path))) return;
    const { bucket, tier } = await this.identify(request);
    const limit = this.tiers[tier];
    let count: number;
    let resetInMs: number;
    try {
      ({ count, resetInMs } = await this.store.hit(bucket, this.windowMs));
    } catch (error) {
      // a counter outage must not take the directory down: serve, and say so
      this.logger.warn(`rate limiting skipped: ${(error as Error).message}`);
      return;
    }
    const reset = Math.max(1, Math.ceil(resetInMs / 1000));
    reply.header('ratelimit-limit', String(limit));
    reply.header('ratelimit-remaining', String(Math.max(0, limit - count)));
    reply.header('ratelimit-reset', String(reset));
    if (count > limit) {
      rateLimitRejections.inc({ tier });
      const error = new DomainError(
        ErrorCode.RateLimited,
        `Too many requests: ${limit} per ${this.windowMs / 1000} s for ${tier === 'anonymous' ? 'anonymous clients' : `'${tier}' keys`}. Retry in ${reset} s.`,
      );
      await reply
        .code(429)
        .header('retry-after', String(reset))
        .header('cache-control', 'no-store')
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(toProblem(error, path));
    }
  }

  private async identify(request: FastifyRequest): Promise<{ bucket: string; tier: 'anonymous' | Scope }> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (match && looksLikeApiKey(match[1])) {
      const hash = hashApiKey(match[1]);
      const key = await this.lookup(hash);
      // an unknown or revoked key counts as anonymous: random keys buy no extra quota
      if (key.scope && key.id) return { bucket: `key:${key.id}`, tier: key.scope };
    }
    const address = createHmac('sha256', this.secret).update(request.ip).digest('base64url').slice(0, 22);
    return { bucket: `anon:${address}`, tier: 'anonymous' };
  }

  private async lookup(hash: string): Promise<{ scope: Scope | null; id: string | null }> {
    const cached = this.keyCache.get(hash);
    if (cached && cached.until > Date.now()) return cached;
    const key = await this.keys.findByHash(hash);
    const entry = { scope: key && !key.revoked_at ? key.scope : null, id: key?.id ?? null, until: Date.now() + KEY_CACHE_MS };
    if (this.keyCache.size > 10_000) this.keyCache.clear();
    this.keyCache.set(hash, entry);
    return entry;
  }
}
