import { INestApplication, Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * Whether the process is draining after a stop signal. From then on
 * /health/ready answers 503, so a load balancer that still holds a
 * kept-alive connection to this instance stops routing here.
 */
@Injectable()
export class ShutdownState {
  draining = false;
}

/**
 * After the signal the server keeps serving (readiness already 503) this long before it stops accepting.
 * Requests a client sent before the signal may still sit unread in socket buffers, most of all while the
 * event loop is busy (the embedded database runs in this process): closing at once would reset those
 * connections as "idle" (Node's server.close() closes every connection without a parsed request).
 */
const SETTLE_MS = 1_000;

/** How long after the grace period a close that still hangs (a stuck pool) may take before the process exits anyway. */
const HARD_EXIT_AFTER_GRACE_MS = 5_000;

/**
 * SIGTERM / SIGINT: readiness turns 503 at once; after a short settle (SETTLE_MS) the
 * server stops accepting connections, lets every request already in it finish
 * (within `graceSeconds` of the signal), then closes the pools and exits 0.
 *
 * Nest's own shutdown hooks are not used: they would close the same way but
 * with no bound, no readiness change and nothing in the log. Fastify's close
 * waits for in-flight requests; a request that still arrives on an open
 * connection during the drain is served with `Connection: close`
 * (return503OnClosing is off in problem-fastify-adapter.ts). The pools close
 * after it (onApplicationShutdown), so queued requests still reach the
 * database. Past the grace period the remaining connections are cut.
 */
export function installGracefulShutdown(app: INestApplication, graceSeconds: number, exit: (code: number) => void = (code) => process.exit(code)): void {
  const log = new Logger('Shutdown');
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) return; // a second Ctrl-C while draining changes nothing: the bound below holds
    signalled = true;
    app.get(ShutdownState).draining = true;
    const started = Date.now();
    log.log(`${signal}: draining (no new connections; requests in flight have up to ${graceSeconds} s)`);
    const server = (app.getHttpAdapter().getInstance() as FastifyInstance).server;
    const cut = setTimeout(() => {
      log.warn(`Grace period of ${graceSeconds} s over: closing the connections still open`);
      server.closeAllConnections();
      setTimeout(() => exit(1), HARD_EXIT_AFTER_GRACE_MS).unref();
    }, graceSeconds * 1000);
    cut.unref();
    const close = () => app.close();
    // The settle timer can fire right after a long synchronous stretch (an embedded-database query),
    // in the timers phase, before the poll phase has read what arrived meanwhile: close in a later
    // check phase (setImmediate runs after poll), so those requests are parsed, not reset as idle.
    const afterPoll = () => new Promise<void>((polled) => setImmediate(() => setImmediate(polled)));
    new Promise((settled) => setTimeout(settled, Math.min(SETTLE_MS, graceSeconds * 1000)))
      .then(afterPoll)
      .then(close)
      .then(
        () => {
          clearTimeout(cut);
          log.log(`Drained and closed in ${Date.now() - started} ms`);
          exit(0);
        },
        (error: Error) => {
          log.error(`Shutdown failed: ${error.message}`);
          exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
