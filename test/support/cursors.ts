import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Forges cursors the way src/common/pagination/cursor.ts documents them,
 * written out here independently: base64url(tag || payload), tag = the first
 * 16 bytes of HMAC-SHA256(secret, binding + "\n" + payload), binding =
 * JSON [list, [[name, value], ...]] with the query's parameters sorted by name
 * (limit and the cursor left out). Tests use it to reach the checks behind
 * the tag (a key of the wrong shape, as if the secret had leaked) and to
 * prove the documented format is the real one (a forged good key works).
 */
export interface CursorForger {
  /** A correctly signed cursor carrying `payload` (raw JSON text) for `binding`. */
  sign(binding: unknown[], payload: string): string;
  /** The same for the usual payload {"v":2,"k":key}. */
  key(binding: unknown[], key: unknown[]): string;
}

export async function cursorForger(db: DataSource): Promise<CursorForger> {
  const secret = process.env.CURSOR_SECRET || (await db.query<{ secret: string }[]>(`SELECT secret FROM cursor_secret`))[0].secret;
  const sign = (binding: unknown[], payload: string) => {
    const body = Buffer.from(payload, 'utf8');
    const tag = createHmac('sha256', secret)
      .update(`${JSON.stringify(binding)}\n`)
      .update(body)
      .digest()
      .subarray(0, 16);
    return Buffer.concat([tag, body]).toString('base64url');
  };
  return { sign, key: (binding, key) => sign(binding, JSON.stringify({ v: 2, k: key })) };
}

/** The payload (after the 16-byte tag) of a real cursor, as text. */
export const payloadOf = (cursor: string): string => Buffer.from(cursor, 'base64url').subarray(16).toString('utf8');

/** A real cursor with one byte of its decoded form changed (every bit of byte `at` flipped). */
export function flipByte(cursor: string, at: number): string {
  const bytes = Buffer.from(cursor, 'base64url');
  bytes[at % bytes.length] ^= 0xff;
  return bytes.toString('base64url');
}
