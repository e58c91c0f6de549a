import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseAvailability } from './database-availability';
import { DatabaseBootstrapService } from './database-bootstrap.service';
import { DatabaseConnection, DatabaseConnectionModule } from './database-connection';
import { dataSourceOptions, DatabaseTimeouts } from './data-source-options';
import { setWriteAdmission, WriteAdmission, writeConnectionsFor } from './write-admission';

function timeoutsOf(config: AppConfig): DatabaseTimeouts {
  return {
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DB_LOCK_TIMEOUT_MS,
    idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
  };
}

/** Wires the pool's health and the write queue to the app's DataSource once it exists. */
@Injectable()
class DatabaseWiring implements OnModuleInit {
  constructor(
    private readonly db: DataSource,
    private readonly availability: DatabaseAvailability,
    private readonly connection: DatabaseConnection,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.availability.useProbe(() => this.db.query('SELECT 1'));
    // Embedded: the one connection is shared by reads and writes whatever we do.
    const connections = this.connection.embedded ? 1 : writeConnectionsFor(this.connection.poolSize, this.config.DB_WRITE_CONNECTIONS);
    setWriteAdmission(this.db, new WriteAdmission(connections, this.config.DB_WRITE_LOCK_TIMEOUT_MS));
  }
}

@Global()
@Module({
  imports: [
    DatabaseConnectionModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseConnectionModule],
      inject: [DatabaseConnection, AppConfig, DatabaseAvailability],
      useFactory: (connection: DatabaseConnection, config: AppConfig, availability: DatabaseAvailability) =>
        dataSourceOptions(connection.url, connection.poolSize, {
          timeouts: timeoutsOf(config),
          embedded: connection.embedded !== null,
          observer: availability,
          onIdleConnectionError: (error) => availability.failed(error, Date.now()),
        }),
    }),
  ],
  providers: [DatabaseBootstrapService, DatabaseWiring],
  exports: [DatabaseConnectionModule],
})
export class DatabaseModule {}
