import { Module } from '@nestjs/common';
import { ShutdownState } from '../../common/lifecycle/graceful-shutdown';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [ShutdownState], exports: [ShutdownState] })
export class HealthModule {}
