import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ShutdownState } from '../../common/lifecycle/graceful-shutdown';
import { RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../../database/database-faults';

class HealthStatus {
  @ApiProperty({ example: 'ok' })
  status: string;

  @ApiProperty({ required: false, example: 'up' })
  database?: string;
}

/** Readiness probes give up after a second or two; answer before they do, whatever the pool is waiting for. */
const READY_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly shutdown: ShutdownState,
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
    return { status: 'ok', database: 'up' };
  }
}
