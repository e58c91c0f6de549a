import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where the reads of one request may go, decided once from its method and
 * headers (read-routing.hook.ts) and held for the request in an
 * AsyncLocalStorage:
 * - `primary`: writes, conditional requests (If-Match / If-None-Match) and a
 *   malformed consistency token: they must see the latest commit.
 * - `replica`: any healthy replica, or one that has replayed `minLsn` (the
 *   X-Read-Consistency token of an earlier write) when that is set.
 *
 * Code that runs outside any request (start-up, timers) has no context and
 * reads from the primary: a replica only ever serves what was classified as a read.
 */
export interface ReadContext {
  readonly mode: 'primary' | 'replica';
  /** Replay position a replica must have reached (X-Read-Consistency), as a number. */
  readonly minLsn?: bigint;
  /**
   * The target the request's first read went to. Later reads of the same
   * request stay there (a list and its count, an export's feed head and its
   * batches see one replica, whose replay only moves forward); after a
   * replica fault they move to the primary, which is ahead of every replica.
   */
  pinned?: number | 'primary';
}

const storage = new AsyncLocalStorage<ReadContext>();

export function currentReadContext(): ReadContext | undefined {
  return storage.getStore();
}

export function runInReadContext<T>(context: ReadContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * An async generator whose every step runs in the read context that is
 * current now. A streamed body is pulled by the socket (its own async
 * context), not by the request handler; without this its reads would lose
 * the request's routing and pin.
 */
export function inCurrentReadContext<T>(generator: AsyncGenerator<T>): AsyncGenerator<T> {
  const context = storage.getStore();
  if (!context) return generator;
  return (async function* () {
    let done = false;
    try {
      for (;;) {
        const step = await storage.run(context, () => generator.next());
        if (step.done) {
          done = true;
          return;
        }
        yield step.value;
      }
    } finally {
      // the consumer stopped early (a closed connection): let the source clean up too
      if (!done) await storage.run(context, () => generator.return(undefined));
    }
  })();
}

/** PostgreSQL's text form of a WAL position: two hex numbers, e.g. `16/B374D848`. */
const LSN = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** A WAL position as a number (null when `text` is not one), so positions compare with `<`. */
export function parseLsn(text: string | null | undefined): bigint | null {
  const match = text ? LSN.exec(text.trim()) : null;
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
