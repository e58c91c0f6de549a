import { Module } from '@nestjs/common';
import { RecordDetailsRepository } from './record-details.repository';

@Module({ providers: [RecordDetailsRepository], exports: [RecordDetailsRepository] })
export class RecordsModule {}
