import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { classifyDatabaseFault } from './database-faults';

/** While down, the database is tried this often, so recovery is noticed (and logged) without traffic. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether the database answers, as the app's own connections see it. Every
 * query and connect attempt reports here (observed-client.ts), so an outage is
 * logged once when it starts and once when it ends, not once per request.
 */
@Injectable()
export class DatabaseAvailability implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private downSince: number | null = null;
  /** When the database last came back: failures of operations begun before then are old news. */
  private upSince = 0;
  private probeTimer: NodeJS.Timeout | null = null;
  private probe: (() => Promise<unknown>) | null = null;
  private probing = false;

  get isUp(): boolean {
    return this.downSince === null;
  }

  /** How the database is tried while it is down (set once the pool exists). */
  useProbe(probe: () => Promise<unknown>): void {
    this.probe = probe;
  }

  /** An operation begun at `startedAt` succeeded. */
  succeeded(startedAt: number): void {
    if (this.downSince === null) return;
    const now = Date.now();
    this.logger.log(`database available again after ${now - this.downSince} ms`);
    this.downSince = null;
    this.upSince = Math.max(startedAt, now);
    this.stopProbing();
  }

  /** An operation begun at `startedAt` failed with `error`; only outages change the state. */
  failed(error: unknown, startedAt: number): void {
    const fault = classifyDatabaseFault(error);
    if (fault?.kind !== 'outage' || this.downSince !== null || startedAt < this.upSince) return;
    this.downSince = Date.now();
    this.logger.warn(`database unavailable: ${fault.reason}`);
    this.startProbing();
  }

  onApplicationShutdown(): void {
    this.stopProbing();
  }

  private startProbing(): void {
    if (!this.probe || this.probeTimer) return;
    this.probeTimer = setInterval(() => {
      // one probe at a time: against a paused server each takes a full timeout
      if (this.probing || !this.probe) return;
      this.probing = true;
      // the probe's own queries report success or failure here; nothing else to handle
      this.probe()
        .catch(() => undefined)
        .finally(() => (this.probing = false));
    }, PROBE_INTERVAL_MS);
    this.probeTimer.unref();
  }

  private stopProbing(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = null;
  }
}
