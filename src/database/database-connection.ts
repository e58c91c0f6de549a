import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseAvailability } from './database-availability';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** Where the app's pool connects: a real server, or the embedded PGlite we started. */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    readonly poolSize: number,
    readonly embedded: EmbeddedPostgres | null,
  ) {}
}

@Module({
  providers: [
    {
      provide: DatabaseConnection,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        if (config.DATABASE_URL) {
          return new DatabaseConnection(config.DATABASE_URL, config.DB_POOL_SIZE, null);
        }
        const embedded = await startEmbeddedPostgres(config.DATA_DIR);
        // The PGlite socket server is safe with one active client only.
        return new DatabaseConnection(embedded.url, 1, embedded);
      },
    },
    DatabaseAvailability,
  ],
  exports: [DatabaseConnection, DatabaseAvailability],
})
export class DatabaseConnectionModule {}
