import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseAvailability } from './database-availability';
import { DatabaseBootstrapService } from './database-bootstrap.service';
import { DatabaseConnection, DatabaseConnectionModule } from './database-connection';
import { dataSourceOptions } from './data-source-options';
import { timeoutsOf } from './database-timeouts';
import { ReadDatabase, REPLICA_DATA_SOURCE_OPTIONS, ReplicaDataSourceOptions } from './replicas/read-database';
import { SessionSettingsCheck } from './session-settings-check';
import { setWriteAdmission, WriteAdmission, writeConnectionsFor } from './write-admission';

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
  providers: [
    DatabaseBootstrapService,
    DatabaseWiring,
    SessionSettingsCheck,
    ReadDatabase,
    {
      // each replica: the primary's options (timeouts, planner settings), its own pool and observer
      provide: REPLICA_DATA_SOURCE_OPTIONS,
      inject: [DatabaseConnection, AppConfig],
      useFactory:
        (connection: DatabaseConnection, config: AppConfig): ReplicaDataSourceOptions =>
        (url, observer, onIdleConnectionError) =>
          dataSourceOptions(url, connection.poolSize, { timeouts: timeoutsOf(config), embedded: false, observer, onIdleConnectionError }),
    },
  ],
  exports: [DatabaseConnectionModule, ReadDatabase],
})
export class DatabaseModule {}
