import fc from 'fast-check';
import type { RealCursor } from './corpus';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const encodeJson = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
/** A cursor is base64url(16-byte signature || JSON payload) (src/common/pagination/cursor.ts). */
const TAG_BYTES = 16;
const tagOf = (cursor: string) => Buffer.from(cursor, 'base64url').subarray(0, TAG_BYTES);

function decoded(cursor: string): { v?: unknown; k?: unknown } {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').subarray(TAG_BYTES).toString('utf8'));
  } catch {
    return {};
  }
}

/** New payload JSON behind the real cursor's signature (which then no longer matches), or unsigned. */
const resealed = (cursor: string, json: string, signed: boolean) =>
  signed ? Buffer.concat([tagOf(cursor), Buffer.from(json, 'utf8')]).toString('base64url') : encodeJson(json);

/** What may stand in for one element of a cursor's key: wrong types, non-integers, huge, hostile. */
const keyElement = fc.constantFrom<unknown>(
  12345.678,
  -1,
  0,
  1e308,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  '9'.repeat(40),
  '1',
  '',
  'a\u0000b',
  'x'.repeat(2000),
  null,
  true,
  {},
  [],
  [1],
  '00000000-0000-4000-8000-000000000000',
  'not-a-uuid',
  '\uD800',
  "'; --",
);

/**
 * Cursors taken from real responses, then tampered with: bytes flipped, cut,
 * padded, or decoded and re-encoded with wrong versions, wrong key types and
 * lengths (behind the original signature, or with none, as the old unsigned
 * form); also another endpoint's cursor, and base64 that is not JSON.
 */
export function tamperedCursor(real: RealCursor[], path: string): fc.Arbitrary<string> {
  const own = real.filter((c) => c.path === path).map((c) => c.value);
  const any = real.map((c) => c.value);
  const base = fc.constantFrom(...(own.length ? own : any.length ? any : [encodeJson('{"v":2,"k":[]}')]));
  const flipped = fc.tuple(base, fc.nat(), fc.constantFrom(...BASE64URL)).map(([cursor, at, char]) => {
    const i = at % cursor.length;
    return cursor.slice(0, i) + char + cursor.slice(i + 1);
  });
  const resized = fc
    .tuple(base, fc.constantFrom('cut', 'pad', 'plus', 'long'))
    .map(([cursor, how]) =>
      how === 'cut'
        ? cursor.slice(0, Math.floor(cursor.length / 2))
        : how === 'pad'
          ? `${cursor}==`
          : how === 'plus'
            ? cursor.replace(/-/g, '+').replace(/_/g, '/') + 'A'
            : cursor.repeat(20),
    );
  const reencoded = fc
    .tuple(base, fc.constantFrom('v', 'k-element', 'k-length', 'k-type', 'extra'), keyElement, fc.nat(), fc.boolean())
    .map(([cursor, what, element, at, signed]) => {
      const { v, k } = decoded(cursor);
      const key = Array.isArray(k) ? [...k] : [];
      const seal = (json: string) => resealed(cursor, json, signed);
      if (what === 'v') return seal(JSON.stringify({ v: element, k: key }));
      if (what === 'k-element') key[key.length ? at % key.length : 0] = element;
      if (what === 'k-length') {
        if (at % 2) key.push(element);
        else key.pop();
      }
      if (what === 'k-type') return seal(JSON.stringify({ v, k: element }));
      // written out: an object literal's __proto__ would set the prototype, not a key
      if (what === 'extra') return seal(`{"__proto__":{"v":3},"constructor":1,"v":${JSON.stringify(v ?? null)},"k":${JSON.stringify(key)}}`);
      return seal(JSON.stringify({ v, k: key }));
    });
  const notCursors = fc.constantFrom(
    'eyJ2IjogMSwgImsiOiBbMTIzNDUuNjc4XX0',
    encodeJson('[]'),
    encodeJson('null'),
    encodeJson('1'),
    encodeJson('"x"'),
    encodeJson('{'),
    encodeJson(''),
    encodeJson('{"__proto__":{"v":1},"k":[]}'),
    encodeJson('{"v":1,"k":[1e999]}'),
    encodeJson('{"v":1,"k":[-0]}'),
    encodeJson('{"v":2,"k":[1]}'),
    Buffer.alloc(16).toString('base64url'),
    Buffer.alloc(17).toString('base64url'),
    Buffer.from([0xff, 0xfe, 0x00, 0xc0]).toString('base64url'),
    'A'.repeat(600),
    '!!!',
    '',
    '=',
  );
  return fc.oneof(
    { weight: 2, arbitrary: base },
    { weight: 1, arbitrary: fc.constantFrom(...(any.length ? any : ['e30'])) },
    { weight: 2, arbitrary: flipped },
    { weight: 1, arbitrary: resized },
    { weight: 3, arbitrary: reencoded },
    { weight: 1, arbitrary: notCursors },
  );
}
