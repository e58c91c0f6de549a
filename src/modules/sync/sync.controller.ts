import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { cursorBinding, decodeCursor, encodeCursor } from '../../common/pagination/cursor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ChangeFeed } from './change-feed.service';
import { AuditPage, AuditQuery, ChangePage, ChangesQuery } from './sync.models';
import { SyncRepository } from './sync.repository';

@ApiTags('sync')
@Controller('v1')
export class SyncController {
  constructor(
    private readonly sync: SyncRepository,
    private readonly feed: ChangeFeed,
  ) {}

  @Get('changes')
  @ApiOperation({
    operationId: 'listChanges',
    summary: 'The whole directory, then creates, updates and deletes in commit order, to stay in sync without re-downloading',
    description:
      'Start without `since`: the feed first lists every live organization, service, location and service-at-location ' +
      'once, as `create` (parents first; `seq` is the position the snapshot starts from), then every change after that ' +
      'position in commit order, deletes included, also of records changed while you were paging. Apply each change ' +
      '(fetch the record by id; drop it on `delete`), then call again with `next_since` while `has_more`; later, poll ' +
      'with the last `next_since`. A record listed and then changed comes twice, and a record deleted before the listing ' +
      'reached it comes only as a `delete`: applying changes in order is idempotent, so both are harmless.',
  })
  @ApiOkResponse({ type: ChangePage })
  @ApiProblems(400)
  async changes(@Query() query: ChangesQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<ChangePage> {
    const page = await this.feed.page(query.since, query.limit ?? 100);
    reply.header('cache-control', 'no-store');
    return page;
  }

  @Get('audit')
  @RequireScope('admin')
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'listAudit', summary: 'Who changed what, when, with before/after values (scope: admin)' })
  @ApiOkResponse({ type: AuditPage })
  @ApiProblems(400, 401, 403)
  async audit(@Query() query: AuditQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AuditPage> {
    const binding = cursorBinding('audit', query);
    const after = query.cursor ? (decodeCursor(query.cursor, ['seq'], binding)[0] as number) : 0;
    const limit = query.limit ?? 50;
    const rows = await this.sync.auditAfter(after, limit + 1, { entity: query.entity ?? null, entityId: query.entity_id ?? null });
    const data = rows.slice(0, limit);
    reply.header('cache-control', 'no-store');
    return { data, next_cursor: rows.length > limit ? encodeCursor([data[data.length - 1].id], binding) : null };
  }
}
