import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { reportSkips } from './skips';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __EMBEDDED_PG__?: EmbeddedPostgres }).__EMBEDDED_PG__;
  if (embedded) await embedded.stop();
  reportSkips();
}
