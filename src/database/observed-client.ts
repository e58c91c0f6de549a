import { Client, ClientConfig } from 'pg';

/** Told how each connect and query of the pool went (DatabaseAvailability). */
export interface ConnectionObserver {
  succeeded(startedAt: number): void;
  failed(error: unknown, startedAt: number): void;
}

interface WithSocket {
  connection?: { stream?: { destroy(error?: Error): void } };
}

const isQueryReadTimeout = (error: unknown) => (error as Error | undefined)?.message === 'Query read timeout';

/**
 * The pg Client the pool creates (pool option `Client`): reports every
 * connect and promise-style query (TypeORM's only kind) to `observer`, and
 * drops a connection whose query timed out on the client side.
 *
 * Why drop it: pg's query_timeout rejects the caller's promise but leaves the
 * query running on the socket. Back in the pool, the connection would queue
 * every later query behind the lost one, and a transaction whose ROLLBACK
 * timed out the same way would stay open for the next borrower to commit.
 * Destroying the socket makes the client unqueryable, so the pool discards it
 * (the server rolls back whatever it had open).
 */
export function observedClientClass(observer: ConnectionObserver): typeof Client {
  return class ObservedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      const connect = this.connect.bind(this);
      const query = this.query.bind(this);

      this.connect = ((callback?: (error: Error | undefined) => void) => {
        const startedAt = Date.now();
        const report = (error: Error | undefined) => (error ? observer.failed(error, startedAt) : observer.succeeded(startedAt));
        if (callback) {
          return connect((error: Error | undefined) => {
            report(error);
            callback(error);
          });
        }
        return connect().then(
          (client) => (report(undefined), client),
          (error: Error) => {
            report(error);
            throw error;
          },
        );
      }) as Client['connect'];

      this.query = ((...args: unknown[]) => {
        const result = (query as (...a: unknown[]) => unknown)(...args);
        if (!(result instanceof Promise)) return result; // callback or Submittable (a stream): not ours to watch
        const startedAt = Date.now();
        result.then(
          () => observer.succeeded(startedAt),
          (error: unknown) => {
            observer.failed(error, startedAt);
            if (isQueryReadTimeout(error)) (this as WithSocket).connection?.stream?.destroy(new Error('dropped after a client-side query timeout'));
          },
        );
        return result;
      }) as Client['query'];
    }
  };
}
