import { Module } from '@nestjs/common';
import { SyncController } from './sync.controller';
import { SyncRepository } from './sync.repository';

@Module({ controllers: [SyncController], providers: [SyncRepository] })
export class SyncModule {}
