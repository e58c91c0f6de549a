import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ApiProblems } from '../../common/openapi/api-problems.decorator';
import { ParseIdPipe } from '../../common/validation/id';
import { actorOf } from '../writes/actor';
import { Scope, SCOPES } from './api-key';
import { ApiKeysService } from './api-keys.service';
import type { AuthenticatedRequest } from './auth.guard';
import { RequireScope } from './require-scope.decorator';

class CreateApiKeyBody {
  @ApiProperty({ example: 'county-health-dept-sync' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: SCOPES, example: 'write' })
  @IsIn(SCOPES)
  scope: Scope;
}

class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'county-health-dept-sync' }) name: string;
  @ApiProperty({ enum: SCOPES, example: 'write' }) scope: string;
  @ApiProperty({ example: 'hrd_Ab12Cd', description: 'The first characters of the key, to tell keys apart.' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revoked_at: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) last_used_at: string | null;
}

class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ example: 'hrd_…', description: 'The key itself. Shown this once; only its hash is stored.' })
  key: string;
}

class ApiKeyList {
  @ApiProperty({ type: [ApiKeyView] }) data: ApiKeyView[];
}

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('v1/keys')
@RequireScope('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key; the response shows it once (scope: admin)' })
  @ApiCreatedResponse({ type: CreatedApiKey })
  @ApiProblems(400, 401, 403)
  create(@Body() body: CreateApiKeyBody, @Req() request: AuthenticatedRequest): Promise<CreatedApiKey> {
    return this.keys.create(body.name, body.scope, actorOf(request));
  }

  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys, never the keys themselves (scope: admin)' })
  @ApiOkResponse({ type: ApiKeyList })
  @ApiProblems(401, 403)
  async list(): Promise<ApiKeyList> {
    return { data: await this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once (scope: admin)' })
  @ApiParam({ name: 'id', format: 'uuid', example: '3f1c6f0e-8a52-4c1e-9a55-0d2b5e8f9a10' })
  @ApiOkResponse({ type: ApiKeyView })
  @ApiProblems(400, 401, 403, 404)
  revoke(@Param('id', new ParseIdPipe()) id: string, @Req() request: AuthenticatedRequest): Promise<ApiKeyView> {
    return this.keys.revoke(id, actorOf(request));
  }
}
