import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { classifyDatabaseFault } from '../database-faults';
import { ConnectionObserver } from '../observed-client';
import { parseLsn } from './read-context';

/**
 * One probe: is it a standby, how far behind is its replay, and where is it.
 *
 * Lag is 0 while everything received has been replayed and the WAL receiver
 * is connected: an idle primary writes nothing, so "now minus the last
 * replayed commit" would grow for hours on a standby that is fully caught up.
 * Otherwise (replay behind what arrived, or no receiver: the stream is broken
 * and the standby no longer learns of new commits) it is the age of the last
 * replayed commit, which is how stale a read there can be.
 */
const PROBE_SQL = `
  SELECT pg_is_in_recovery() AS standby,
         (CASE WHEN NOT pg_is_in_recovery() THEN 0
               WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                    AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
               ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
          END)::float8 AS lag_seconds,
         pg_last_wal_replay_lsn()::text AS replay_lsn`;

const REPLAY_SQL = `SELECT pg_last_wal_replay_lsn()::text AS replay_lsn`;

export type ReplicaState = 'in' | 'out';

/** A replica has two pools: `reads` (DB_POOL_SIZE connections) and `probe` (one, for the background check). */
export type ReplicaPoolPurpose = 'reads' | 'probe';

/** What /health/ready and the metrics show of a replica: its 1-based index, never its URL. */
export interface ReplicaStatus {
  replica: number;
  state: ReplicaState;
  lagSeconds: number | null;
  /** Why it is out of rotation (a class of cause, never a URL or a query). */
  reason?: string;
}

export interface ReplicaSettings {
  maxLagSeconds: number;
  /** A probe that takes longer than this counts as failed. */
  probeTimeoutMs: number;
}

/** host:port/database of a URL, for logs: never the user or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

function reasonOf(error: unknown): string {
  const fault = classifyDatabaseFault(error);
  if (fault) return fault.reason;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `probe failed (${code})` : 'probe failed';
}

/**
 * A streaming standby with its own pool, in or out of rotation. It starts
 * out, comes in once a probe finds it a standby within the lag limit, and
 * goes out when a probe fails, it lags too far, or a read through its pool
 * hits an outage (connection refused, reset, server shutting down).
 */
export class Replica implements ConnectionObserver {
  private readonly logger = new Logger('ReadReplicas');
  /** The pool reads use. */
  private source: DataSource | null = null;
  private connecting: Promise<DataSource> | null = null;
  /**
   * The probe's own single connection: a replica whose read pool is saturated
   * is busy, not down, and must not drop out because its probe waited for a
   * pooled connection.
   */
  private probeSource: DataSource | null = null;
  private probeConnecting: Promise<DataSource> | null = null;
  private probing = false;
  private state: ReplicaState = 'out';
  private reason = 'not checked yet';
  /** The first probe's outcome is logged whichever it is. */
  private announced = false;
  private lag: number | null = null;
  /** When it last came into rotation: failures of reads begun before then are old news. */
  private inSince = 0;
  /** Replay position at the last probe (replay only moves forward, so it is a lower bound). */
  replayLsn: bigint | null = null;

  constructor(
    /** 1-based, as in DATABASE_READ_URLS, metrics and /health/ready. */
    readonly index: number,
    private readonly url: string,
    private readonly options: (replica: Replica, purpose: ReplicaPoolPurpose) => DataSourceOptions,
    private readonly settings: ReplicaSettings,
    private readonly onConnected: (replica: Replica, source: DataSource) => void,
  ) {}

  get inRotation(): boolean {
    return this.state === 'in' && this.source !== null;
  }

  /** The replica's DataSource; only while in rotation. */
  get dataSource(): DataSource {
    if (!this.source) throw new Error(`replica ${this.index} is not connected`);
    return this.source;
  }

  status(): ReplicaStatus {
    return { replica: this.index, state: this.state, lagSeconds: this.lag, ...(this.state === 'out' ? { reason: this.reason } : {}) };
  }

  /** The background probe: one at a time (against a paused server each takes a full timeout). */
  async check(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('probe timed out')), this.settings.probeTimeoutMs)));
      const probe = async () => {
        const connection = await this.connectProbe();
        const [row] = await connection.query<{ standby: boolean; lag_seconds: number; replay_lsn: string | null }[]>(PROBE_SQL);
        await this.connect(); // the read pool, once the server answers
        return row;
      };
      const row = await Promise.race([probe(), timeout]);
      this.lag = Math.round(Number(row.lag_seconds) * 1000) / 1000;
      this.replayLsn = parseLsn(row.replay_lsn) ?? this.replayLsn;
      if (!row.standby) this.markOut('not a standby (pg_is_in_recovery() is false)');
      else if (this.lag > this.settings.maxLagSeconds) this.markOut(`lagging ${this.lag} s (limit ${this.settings.maxLagSeconds} s)`);
      else this.markIn();
    } catch (error) {
      this.markOut((error as Error)?.message === 'probe timed out' ? 'probe timed out' : reasonOf(error));
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }

  /** Whether the replica has replayed `lsn` now (a read-your-writes wait asks this). */
  async hasReplayed(lsn: bigint): Promise<boolean> {
    if (this.replayLsn !== null && this.replayLsn >= lsn) return true;
    const [row] = await this.dataSource.query<{ replay_lsn: string | null }[]>(REPLAY_SQL);
    const replayed = parseLsn(row?.replay_lsn);
    if (replayed !== null && (this.replayLsn === null || replayed > this.replayLsn)) this.replayLsn = replayed;
    return replayed !== null && replayed >= lsn;
  }

  // ConnectionObserver: every connect and query of this replica's pool reports here.
  succeeded(): void {
    // coming back is the probe's call: it also checks the lag
  }

  failed(error: unknown, startedAt: number): void {
    if (startedAt < this.inSince) return;
    if (classifyDatabaseFault(error)?.kind === 'outage') this.markOut(reasonOf(error));
  }

  async destroy(): Promise<void> {
    const sources = [this.source ?? (await this.connecting?.catch(() => null)), this.probeSource ?? (await this.probeConnecting?.catch(() => null))];
    this.source = this.probeSource = null;
    for (const source of sources) if (source?.isInitialized) await source.destroy();
  }

  /** The read pool, created on the first probe that reaches the server (a replica down at start is retried). */
  private connect(): Promise<DataSource> {
    if (this.source) return Promise.resolve(this.source);
    this.connecting ??= this.initialize('reads').then(
      (source) => {
        this.connecting = null;
        this.source = source;
        this.onConnected(this, source);
        return source;
      },
      (error: unknown) => {
        this.connecting = null;
        throw error;
      },
    );
    return this.connecting;
  }

  private connectProbe(): Promise<DataSource> {
    if (this.probeSource) return Promise.resolve(this.probeSource);
    this.probeConnecting ??= this.initialize('probe').then(
      (source) => {
        this.probeConnecting = null;
        this.probeSource = source;
        return source;
      },
      (error: unknown) => {
        this.probeConnecting = null;
        throw error;
      },
    );
    return this.probeConnecting;
  }

  private async initialize(purpose: ReplicaPoolPurpose): Promise<DataSource> {
    const source = new DataSource(this.options(this, purpose));
    await source.initialize();
    return source;
  }

  private markIn(): void {
    if (this.state === 'in') return;
    this.state = 'in';
    this.announced = true;
    this.inSince = Date.now();
    this.logger.log(`replica ${this.index} (${describeUrl(this.url)}) in rotation (lag ${this.lag} s)`);
  }

  private markOut(reason: string): void {
    this.reason = reason;
    if (this.state === 'out' && this.announced) return;
    this.state = 'out';
    this.announced = true;
    this.logger.warn(`replica ${this.index} (${describeUrl(this.url)}) out of rotation: ${reason}; reads go to the other replicas or the primary`);
  }
}
