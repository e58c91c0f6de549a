import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { useCursorSecret } from './cursor';

export class MissingCursorSecretError extends Error {
  constructor() {
    super(
      'No key to sign pagination cursors: set CURSOR_SECRET, or apply the CursorSecret migration ' +
        '(`npm run db:migrate`), which stores a random one in the database (table cursor_secret).',
    );
  }
}

/**
 * Loads the cursor signing key once, before the app listens: CURSOR_SECRET,
 * else the one row of cursor_secret. On application bootstrap, so the
 * database's migrations (run on module init) have already been applied.
 */
@Injectable()
export class CursorSecretLoader implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    useCursorSecret(this.config.CURSOR_SECRET ?? (await this.stored()));
  }

  private async stored(): Promise<string> {
    const rows = await this.db.query<{ secret: string }[]>(`SELECT secret FROM cursor_secret`).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === '42P01') return []; // 42P01: no such table
      throw error;
    });
    if (rows.length !== 1) throw new MissingCursorSecretError();
    return rows[0].secret;
  }
}

@Module({ providers: [CursorSecretLoader] })
export class CursorSecretModule {}
