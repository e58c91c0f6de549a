import fc from 'fast-check';
import type { QueryValue } from './http';

/**
 * Value generators shared by every parameter: each mixes plausible values
 * (which reach the database) with boundary and hostile ones (which must be
 * refused with a 400, never a 500).
 */

/** Already-encoded fragments a text value cannot express: bad escapes, invalid UTF-8, raw separators. */
const RAW_FRAGMENTS = [
  '%',
  '%zz',
  '%0',
  '%00',
  'a%00b',
  '%C0%80',
  '%ED%A0%80',
  '%FF%FE',
  '%E2%80%AE',
  '%F0%9F%92%89',
  '+',
  '%2B',
  '%26',
  '%3D',
  '%23',
  '%3F',
  '%0D%0A',
  '%09',
  '%7F',
  '%5B%5D',
];
export const rawFragment: fc.Arbitrary<QueryValue> = fc.constantFrom(...RAW_FRAGMENTS).map((raw) => ({ raw }));

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f',
  '\uFFFD',
  '\uFEFF',
  '\uFFFF',
  '\uD800',
  'e\u0301',
  '💉',
  '\u202E',
  'مرحبا',
  '漢字',
  '７５２１５',
  '٣٢٫٧',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'true',
  '[]',
  '{}',
  '[object Object]',
  "' OR 1=1--",
  "'; SELECT pg_sleep(20);--",
  '"',
  '\\',
  '%',
  '_',
  '*',
  '..',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '%s%n%x',
  '\r\n',
  '\t',
];

/** Long strings: past varchar limits, past Fastify's parameter length, now and then past the HTTP header limit. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '9', 'é', '💉', ',', 'service.naloxone,', '\u0000', 'A1'), fc.constantFrom(101, 256, 1001, 4097, 20_000))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: longText },
);

export const hostileValue: fc.Arbitrary<QueryValue> = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 1, arbitrary: rawFragment });

/** Numbers as text: in range, at and past the bounds, huge, negative, and every notation JavaScript's Number() accepts. */
export function numberText(minimum = -1000, maximum = 1000, integer = true): fc.Arbitrary<string> {
  const inRange = integer
    ? fc.integer({ min: Math.max(minimum, -1e9), max: Math.min(maximum, 1e9) }).map(String)
    : fc.double({ min: minimum, max: maximum, noNaN: true }).map(String);
  return fc.oneof(
    { weight: 4, arbitrary: inRange },
    { weight: 2, arbitrary: fc.constantFrom(minimum, maximum, minimum - 1, maximum + 1, 0, -1).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '1e308',
        '1e309',
        '-1e309',
        '9'.repeat(400),
        '2147483648',
        '-2147483649',
        '9007199254740993',
        '5e-324',
        '-0',
        '0.5',
        '1.',
        '.5',
        '+5',
        '0x10',
        '0b1',
        '0o7',
        ' 5',
        '5 ',
        '1_000',
        '1,5',
        '1e2',
        'NaN',
        'Infinity',
        '',
        '٥',
        '５',
      ),
    },
    { weight: 1, arbitrary: fc.double().map(String) },
  );
}

export const booleanText = fc.constantFrom('true', 'false', '1', '0', 'yes', 'no', 'TRUE', 'on', '', ' true');

const latitude = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -90, max: 90, noNaN: true }).map((n) => String(Math.round(n * 1e6) / 1e6)) },
  { weight: 1, arbitrary: fc.constantFrom('90', '-90', '90.0000001', '-90.0000001', '0', '-0', '1e308', 'NaN', '', '32.7', '32,7') },
);
const longitude = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -180, max: 180, noNaN: true }).map((n) => String(Math.round(n * 1e6) / 1e6)) },
  { weight: 1, arbitrary: fc.constantFrom('180', '-180', '180.0000001', '-180.0000001', '360', '0', '1e308', 'Infinity', '') },
);

/** `latitude,longitude` near real places, anywhere, and malformed. */
export function nearText(points: [number, number][]): fc.Arbitrary<string> {
  const nearReal = fc
    .tuple(fc.constantFrom(...(points.length ? points : [[32.7495, -96.7657] as [number, number]])), fc.double({ min: -0.5, max: 0.5, noNaN: true }))
    .map(([[lat, lng], jitter]) => `${(lat + jitter).toFixed(5)},${(lng - jitter).toFixed(5)}`);
  return fc.oneof(
    { weight: 4, arbitrary: nearReal },
    { weight: 3, arbitrary: fc.tuple(latitude, longitude).map(([lat, lng]) => `${lat},${lng}`) },
    { weight: 1, arbitrary: fc.tuple(latitude, longitude).map(([lat, lng]) => `${lat}, ${lng}`) },
    { weight: 1, arbitrary: fc.array(latitude, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(',')) },
    { weight: 1, arbitrary: fc.constantFrom('32.7;-96.7', '32.7 -96.7', '(32.7,-96.7)', ',', ',,', '32.7,', ',-96.7', 'POINT(-96.7 32.7)') },
  );
}

/** `minLng,minLat,maxLng,maxLat`: random, across the antimeridian, inverted, degenerate, world-sized, malformed. */
export const bboxText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(longitude, latitude, longitude, latitude).map((parts) => parts.join(',')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: 1e-9, max: 5, noNaN: true }))
      .map(([lng, lat, size]) => [lng, lat, lng + size, lat + size].map((n) => n.toFixed(6)).join(',')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '170,-10,-170,10',
      '179.9,-1,-179.9,1',
      '-180,-90,180,90',
      '180,90,-180,-90',
      '-96.7,32.8,-96.85,32.7',
      '1,1,1,1',
      '0,0,0,0',
      '-96.85,32.70,-96.70',
      '-96.85,32.70,-96.70,32.80,1',
      '-96.85,,-96.70,32.80',
      '-181,-91,181,91',
      '1e308,1e308,1e308,1e308',
      'NaN,NaN,NaN,NaN',
      '-0,-0,0,0',
    ),
  },
);

export const postalText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^\d{5}$/) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '75215',
      '10001',
      '94110',
      '00501',
      '00000',
      '99999',
      '96799',
      '75215-1234',
      '752',
      '7521',
      '752155',
      ' 75215',
      '75215 ',
      'ABCDE',
      'K1A 0B1',
      '7521５',
    ),
  },
);

/** ISO 8601 instants: valid, with odd offsets, at the calendar's edges, and impossible. */
export const dateTimeText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('+14:00', '-12:00', '+05:45', '-23:59', '+99:99', '+0530', 'z', ''),
      )
      .map(([d, offset]) => d.toISOString().slice(0, 19) + offset),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00.000Z',
      '-000001-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T23:59:60Z',
      '2026-01-01',
      '2026-01-01T00:00:00',
      '2026-01-01T00:00:00.123456789Z',
      '2026-W01',
      '2026-001',
      '1e10',
      '0',
      'now',
      '1970-01-01T00:00:00Z',
      '2038-01-19T03:14:08Z',
      '１９９０-01-01T00:00:00Z',
      'Thu, 01 Jan 2026 00:00:00 GMT',
    ),
  },
);

/** Comma-separated lists of real codes, with unknown, malformed and excessive entries. */
export function codeListText(codes: string[]): fc.Arbitrary<string> {
  const code = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(codes.length ? codes : ['service'])) },
    { weight: 1, arbitrary: fc.constantFrom('service.nope', 'SERVICE.NALOXONE', 'service.', '.', 'service..moud', 'xx', 'EN', 'en-US', 'zh-Hant', '') },
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(code, { minLength: 1, maxLength: 4 }).map((list) => list.join(',')) },
    { weight: 1, arbitrary: fc.array(code, { minLength: 1, maxLength: 4 }).map((list) => list.join(', ')) },
    { weight: 1, arbitrary: fc.constantFrom(',', ',,', 'service,', ',service') },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 21, max: 2000 })
        .map((n) => Array.from({ length: n }, (_, i) => codes[i % Math.max(codes.length, 1)] ?? 'service').join(',')),
    },
  );
}

/** UUIDs: real ones, random ones, and near misses. */
export function uuidText(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(realIds.length ? realIds : ['00000000-0000-4000-8000-000000000000'])) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.toUpperCase()) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
        '{6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01}',
        '6b0f3e0e2d4c4a8e9a511c2f4b7e9d01',
        '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d0',
        '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01x',
        'g'.repeat(36),
      ),
    },
  );
}
