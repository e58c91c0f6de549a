import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, DataSourceOptions, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { observePool, ObservedPool, observeReplicas } from '../../modules/metrics/metrics';
import { classifyDatabaseFault } from '../database-faults';
import { DatabaseConnection } from '../database-connection';
import type { ConnectionObserver } from '../observed-client';
import { currentReadContext, ReadContext } from './read-context';
import { Replica, ReplicaPoolPurpose, ReplicaStatus } from './replica';

/** The first probes may hold up start-up this long; a replica not in by then joins at a later probe. */
const FIRST_CHECK_MAX_MS = 3_000;
/** How often a read-your-writes read asks a replica whether it has replayed the write yet. */
const CATCH_UP_POLL_MS = 10;

/**
 * Builds a replica's DataSource options (database.module.ts, with the same
 * dataSourceOptions as the primary). Injected rather than imported: the
 * migrations that dataSourceOptions lists import repositories, which import
 * this file.
 */
export const REPLICA_DATA_SOURCE_OPTIONS = Symbol('REPLICA_DATA_SOURCE_OPTIONS');
export type ReplicaDataSourceOptions = (url: string, observer: ConnectionObserver, onIdleConnectionError: (error: Error) => void) => DataSourceOptions;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Worth repeating on the primary: the replica's connection failed (refused,
 * reset, the standby shutting down) or it cancelled the read for a conflict
 * with WAL replay (40001 on a standby). Reads are idempotent.
 */
function retryOnPrimary(error: unknown): boolean {
  if (classifyDatabaseFault(error)?.kind === 'outage') return true;
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  return code === '40001' || driverError?.code === '40001';
}

/**
 * Where reads go: `query` and `transaction` as on TypeORM's DataSource,
 * routed to a streaming replica (DATABASE_READ_URLS) or to the primary.
 *
 * - Which reads may go to a replica is the request's read context
 *   (read-context.ts, set by read-routing.hook.ts): writes, conditional
 *   requests and code outside a request read from the primary.
 * - Replicas in rotation are used round-robin; a request stays on the first
 *   one it used. None in rotation: the primary.
 * - A read that fails on a replica with a connection-class error takes it
 *   out of rotation and is retried once on the primary, so a standby
 *   stopping loses no read.
 * - Without DATABASE_READ_URLS (and always in embedded mode) this is the
 *   primary's DataSource, with nothing in between.
 */
@Injectable()
export class ReadDatabase implements OnModuleInit, OnApplicationShutdown {
  private replicas: Replica[] = [];
  private nextReplica = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly primary: DataSource,
    private readonly connection: DatabaseConnection,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(REPLICA_DATA_SOURCE_OPTIONS) private readonly optionsFor: ReplicaDataSourceOptions,
  ) {}

  get hasReplicas(): boolean {
    return this.replicas.length > 0;
  }

  async onModuleInit(): Promise<void> {
    const urls = this.config.readUrls;
    if (this.connection.embedded || urls.length === 0) return;
    const settings = {
      maxLagSeconds: this.config.REPLICA_MAX_LAG_SECONDS,
      probeTimeoutMs: Math.max(1_000, 2 * this.config.REPLICA_CHECK_INTERVAL_MS),
    };
    this.replicas = urls.map((url, i) => new Replica(i + 1, url, (replica, purpose) => this.replicaOptions(url, replica, purpose), settings, onConnected));
    observeReplicas(() => this.status());
    await Promise.race([Promise.all(this.replicas.map((replica) => replica.check())), sleep(FIRST_CHECK_MAX_MS)]);
    this.timer = setInterval(() => {
      for (const replica of this.replicas) void replica.check();
    }, this.config.REPLICA_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.replicas.map((replica) => replica.destroy()));
  }

  /** Each replica's state and lag, by index (for /health/ready and the metrics). */
  status(): ReplicaStatus[] {
    return this.replicas.map((replica) => replica.status());
  }

  // the same signature as DataSource.query, so repositories switch by changing the injected type only
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(query: string, parameters?: any[]): Promise<T> {
    if (this.replicas.length === 0) return this.primary.query<T>(query, parameters);
    return this.route((db) => db.query<T>(query, parameters));
  }

  transaction<T>(runInTransaction: (entityManager: EntityManager) => Promise<T>): Promise<T> {
    if (this.replicas.length === 0) return this.primary.transaction(runInTransaction);
    return this.route((db) => db.transaction(runInTransaction));
  }

  /** The primary's WAL position now: after a commit, a replica that has replayed it sees that commit. */
  async primaryPosition(): Promise<string> {
    const [row] = await this.primary.query<{ lsn: string }[]>(`SELECT pg_current_wal_lsn()::text AS lsn`);
    return row.lsn;
  }

  private async route<T>(run: (db: DataSource) => Promise<T>): Promise<T> {
    const context = currentReadContext();
    const replica = context ? await this.choose(context) : null;
    if (!replica) return run(this.primary);
    const startedAt = Date.now();
    try {
      return await run(replica.dataSource);
    } catch (error) {
      if (!retryOnPrimary(error)) throw error;
      replica.failed(error, startedAt);
      if (context) context.pinned = 'primary';
      return run(this.primary);
    }
  }

  /** The replica this request reads from, or null for the primary. */
  private async choose(context: ReadContext): Promise<Replica | null> {
    if (context.mode === 'primary' || context.pinned === 'primary') return null;
    if (context.pinned !== undefined) {
      const pinned = this.replicas[context.pinned];
      if (pinned.inRotation) return pinned;
      // another replica may be further behind than this one was: only the primary is surely ahead
      context.pinned = 'primary';
      return null;
    }
    const candidates = this.inRotationFromNext();
    const chosen = context.minLsn === undefined ? candidates[0] : await this.caughtUp(candidates, context.minLsn);
    context.pinned = chosen ? this.replicas.indexOf(chosen) : 'primary';
    return chosen ?? null;
  }

  /** Replicas in rotation, starting with the next in round-robin order. */
  private inRotationFromNext(): Replica[] {
    const start = this.nextReplica++ % this.replicas.length;
    const ordered = [...this.replicas.slice(start), ...this.replicas.slice(0, start)];
    return ordered.filter((replica) => replica.inRotation);
  }

  /** A replica known to have replayed `lsn`, or the first one once it does within REPLICA_CATCH_UP_WAIT_MS. */
  private async caughtUp(candidates: Replica[], lsn: bigint): Promise<Replica | undefined> {
    const known = candidates.find((replica) => replica.replayLsn !== null && replica.replayLsn >= lsn);
    if (known || candidates.length === 0) return known;
    const [first] = candidates;
    const deadline = Date.now() + this.config.REPLICA_CATCH_UP_WAIT_MS;
    try {
      for (;;) {
        if (await first.hasReplayed(lsn)) return first;
        if (Date.now() + CATCH_UP_POLL_MS > deadline) return undefined;
        await sleep(CATCH_UP_POLL_MS);
      }
    } catch {
      return undefined; // the replica failed meanwhile: the primary has the write
    }
  }

  private replicaOptions(url: string, replica: Replica, purpose: ReplicaPoolPurpose): DataSourceOptions {
    const options = this.optionsFor(url, replica, (error) => replica.failed(error, Date.now()));
    const extra = (options as { extra?: Record<string, unknown> }).extra;
    // its own name, so an operator (and the replication test) can tell its sessions apart in pg_stat_activity
    const name = purpose === 'reads' ? `hrd-replica-${replica.index}` : `hrd-replica-${replica.index}-probe`;
    return { ...options, migrations: [], extra: { ...extra, application_name: name, ...(purpose === 'probe' ? { max: 1 } : {}) } };
  }
}

/** Each replica's pool joins the pool gauges as `replica-<n>` once it exists. */
function onConnected(replica: Replica, source: DataSource): void {
  // TypeORM's postgres driver keeps its pg Pool as `master`
  const pool = (source.driver as unknown as { master?: ObservedPool }).master;
  if (pool) observePool(`replica-${replica.index}`, pool);
}
