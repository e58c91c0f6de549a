import { Module } from '@nestjs/common';
import { ImportWriter } from './import-writer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ controllers: [ImportsController], providers: [ImportWriter, ImportsService], exports: [ImportsService] })
export class ImportsModule {}
