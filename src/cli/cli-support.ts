import type { DataSource } from 'typeorm';
import type { Actor } from '../modules/writes/write-transaction';

/** Records written from the command line are audited as the operator's. */
export const CLI_ACTOR: Actor = { apiKeyId: null, label: 'cli' };

/** Wrong arguments: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * One subcommand. `parse` runs before the database is opened, so a typo or a
 * missing file costs no start-up time; `run` returns the exit code.
 */
export interface Command<P> {
  usage: string;
  parse(args: string[]): P;
  run(params: P, db: DataSource): Promise<number>;
}
