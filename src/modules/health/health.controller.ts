import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';

class HealthStatus {
  @ApiProperty({ example: 'ok' })
  status: string;

  @ApiProperty({ required: false, example: 'up' })
  database?: string;
}

const READY_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Get('live')
  @ApiOperation({ operationId: 'live', summary: 'The process is up' })
  @ApiOkResponse({ type: HealthStatus })
  live(): HealthStatus {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'ready', summary: 'The database answers: safe to send traffic' })
  @ApiOkResponse({ type: HealthStatus })
  async ready(): Promise<HealthStatus> {
    const unavailable = new DomainError(ErrorCode.ServiceUnavailable, 'The database is not answering.');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(unavailable), READY_TIMEOUT_MS))),
      ]);
    } catch {
      throw unavailable;
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up' };
  }
}
