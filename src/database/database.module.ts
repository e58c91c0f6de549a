import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseBootstrapService } from './database-bootstrap.service';
import { DatabaseConnection, DatabaseConnectionModule } from './database-connection';
import { dataSourceOptions } from './data-source-options';

@Global()
@Module({
  imports: [
    DatabaseConnectionModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseConnectionModule],
      inject: [DatabaseConnection],
      useFactory: (connection: DatabaseConnection) => dataSourceOptions(connection.url, connection.poolSize),
    }),
  ],
  providers: [DatabaseBootstrapService],
  exports: [DatabaseConnectionModule],
})
export class DatabaseModule {}
