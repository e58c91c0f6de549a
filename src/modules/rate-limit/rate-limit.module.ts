import { Global, Module } from '@nestjs/common';
import { ApiKeysRepository } from '../auth/api-keys.repository';
import { RateLimiterService } from './rate-limiter.service';

@Global()
@Module({ providers: [ApiKeysRepository, RateLimiterService], exports: [RateLimiterService] })
export class RateLimitModule {}
