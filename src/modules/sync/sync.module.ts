import { Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed.service';
import { SyncController } from './sync.controller';
import { SyncRepository } from './sync.repository';

@Module({ controllers: [SyncController], providers: [SyncRepository, ChangeFeed] })
export class SyncModule {}
