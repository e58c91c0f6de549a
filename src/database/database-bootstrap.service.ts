import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from './database-connection';
import { dataSourceOptions } from './data-source-options';
import { seedDemoDataIfEmpty } from './seed/demo-data.seeder';

export class PendingMigrationsError extends Error {
  constructor() {
    super(
      'The database has pending migrations. Apply them with `npm run db:migrate` ' +
        '(in the image: `harm-reduction-directory migrate`), or set MIGRATIONS_RUN=true to apply them at start.',
    );
  }
}

/**
 * Brings the database to a usable state before the app listens: migrations
 * (embedded mode, or when MIGRATIONS_RUN=true), demo data when the directory
 * is empty, and a warm pool (the first PostGIS call on a connection is slow).
 */
@Injectable()
export class DatabaseBootstrapService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly connection: DatabaseConnection,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.migrate();
    if (this.config.shouldSeedDemoData) await this.seedIfEmpty();
    await this.warmPool();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.embedded) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.connection.embedded.stop();
  }

  private async migrate(): Promise<void> {
    if (!(await this.dataSource.showMigrations())) return;
    if (!this.connection.embedded && !this.config.MIGRATIONS_RUN) throw new PendingMigrationsError();
    // on a connection of their own, without the serving timeouts: building an
    // index on a large table may take longer than any request should
    const migrator = new DataSource(dataSourceOptions(this.connection.url, 1));
    await migrator.initialize();
    const applied = await migrator.runMigrations({ transaction: 'each' }).finally(() => migrator.destroy());
    this.logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  }

  private async seedIfEmpty(): Promise<void> {
    const started = Date.now();
    const summary = await seedDemoDataIfEmpty(this.dataSource);
    if (!summary) return;
    this.logger.log(`Loaded demo data (${summary.organizations} organizations, ${summary.locations} locations) in ${Date.now() - started} ms`);
  }

  private async warmPool(): Promise<void> {
    const warm = `SELECT ST_Distance('SRID=4326;POINT(-96.8 32.8)'::geography, 'SRID=4326;POINT(-96.7 32.7)'::geography)`;
    await Promise.all(Array.from({ length: this.connection.poolSize }, () => this.dataSource.query(warm)));
  }
}
