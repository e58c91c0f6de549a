import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ShutdownState } from '../../common/lifecycle/graceful-shutdown';
import { RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../../database/database-faults';
import { ReadDatabase } from '../../database/replicas/read-database';

class ReplicaHealth {
  @ApiProperty({ type: 'integer', description: 'Position in DATABASE_READ_URLS, from 1 (never the URL).', example: 1 })
  replica: number;

  @ApiProperty({ enum: ['in', 'out'], description: 'in: serving reads; out: down, lagging or not a standby (reads go elsewhere).', example: 'in' })
  state: 'in' | 'out';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Replay lag at the last probe, in seconds (0 while caught up); null before the first answer.',
    example: 0,
  })
  lagSeconds: number | null;

  @ApiProperty({ required: false, description: 'Why it is out of rotation.', example: 'connection refused' })
  reason?: string;
}

class HealthStatus {
  @ApiProperty({ example: 'ok' })
  status: string;

  @ApiProperty({ required: false, example: 'up' })
  database?: string;

  @ApiProperty({
    type: [ReplicaHealth],
    required: false,
    description:
      'The read replicas (DATABASE_READ_URLS) and whether each serves reads. Readiness does not depend on them: with none in rotation, reads use the primary.',
  })
  replicas?: ReplicaHealth[];
}

/** Readiness probes give up after a second or two; answer before they do, whatever the pool is waiting for. */
const READY_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly shutdown: ShutdownState,
    private readonly reads: ReadDatabase,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'live', summary: 'The process is up' })
  @ApiOkResponse({ type: HealthStatus })
  live(): HealthStatus {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'ready', summary: 'The database answers: safe to send traffic (503 with Retry-After while it does not)' })
  @ApiOkResponse({ type: HealthStatus })
  async ready(): Promise<HealthStatus> {
    // draining after SIGTERM: tell the load balancer before the connection closes
    if (this.shutdown.draining) throw new ServiceUnavailableError('This instance is shutting down.', RETRY_AFTER_SECONDS.outage);
    // Always asks the database itself: this SELECT is also how an outage's end is noticed (DatabaseAvailability).
    const unavailable = new ServiceUnavailableError('The database is not answering.', RETRY_AFTER_SECONDS.outage);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.db.query('SELECT 1'), new Promise((_, reject) => (timer = setTimeout(() => reject(unavailable), READY_TIMEOUT_MS)))]);
    } catch {
      throw unavailable;
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up', ...(this.reads.hasReplicas ? { replicas: this.reads.status() } : {}) };
  }
}
