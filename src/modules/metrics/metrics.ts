import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics, in one registry (served by metrics.server.ts on
 * METRICS_PORT, never on the API port). Module-level, as prom-client
 * intends: code that observes something imports its metric.
 *
 * Labels are closed vocabularies only — route templates (never URLs),
 * methods, status codes, plan and pool names, outcome and error codes — so
 * no caller location, ZIP, query text or key can reach a label.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'hrd_' });

export const httpRequestDuration = new Histogram({
  name: 'hrd_http_request_duration_seconds',
  help: 'HTTP request duration by route template, method and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const httpRequestsInFlight = new Gauge({
  name: 'hrd_http_requests_in_flight',
  help: 'HTTP requests being served right now.',
  registers: [registry],
});

export const searchStatementDuration = new Histogram({
  name: 'hrd_search_statement_duration_seconds',
  help: 'Duration of the search page statement, by plan: walk (nearest first) or seed (GIN, rare filters).',
  labelNames: ['plan'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const rateLimitRejections = new Counter({
  name: 'hrd_rate_limit_rejections_total',
  help: 'Requests refused with 429, by caller tier.',
  labelNames: ['tier'] as const,
  registers: [registry],
});

export const importRows = new Counter({
  name: 'hrd_import_records_total',
  help: 'Records of committed imports, by outcome (created, updated, unchanged, deleted) and rejected rows.',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const graphqlErrors = new Counter({
  name: 'hrd_graphql_errors_total',
  help: 'GraphQL errors returned, by error code.',
  labelNames: ['code'] as const,
  registers: [registry],
});

/** A connection pool as pg exposes it. */
export interface ObservedPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}
const pools = new Map<string, ObservedPool>();

/** Watch a pool under a name (primary, writes, a replica): read at each scrape. */
export function observePool(name: string, pool: ObservedPool): void {
  pools.set(name, pool);
}

new Gauge({
  name: 'hrd_db_pool_connections',
  help: 'Database pool connections by pool and state (total, idle, waiting requests).',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [name, pool] of pools) {
      this.set({ pool: name, state: 'total' }, pool.totalCount);
      this.set({ pool: name, state: 'idle' }, pool.idleCount);
      this.set({ pool: name, state: 'waiting' }, pool.waitingCount);
    }
  },
});

/** A read replica as the metrics see it: by its 1-based index in DATABASE_READ_URLS, never its URL or host. */
export interface ObservedReplica {
  replica: number;
  state: 'in' | 'out';
  lagSeconds: number | null;
}
let replicas: () => ObservedReplica[] = () => [];

/** Report the read replicas (src/database/replicas/read-database.ts): read at each scrape. */
export function observeReplicas(source: () => ObservedReplica[]): void {
  replicas = source;
}

new Gauge({
  name: 'hrd_replica_lag_seconds',
  help: 'Replay lag of each read replica at its last probe, by index in DATABASE_READ_URLS (0 while caught up).',
  labelNames: ['replica'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { replica, lagSeconds } of replicas()) if (lagSeconds !== null) this.set({ replica: String(replica) }, lagSeconds);
  },
});

new Gauge({
  name: 'hrd_replica_in_rotation',
  help: 'Whether each read replica serves reads (1) or is out of rotation (0: down, lagging, or not a standby).',
  labelNames: ['replica'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { replica, state } of replicas()) this.set({ replica: String(replica) }, state === 'in' ? 1 : 0);
  },
});
