import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { cursorBinding, decodeCursor, encodeCursor, useCursorSecret } from './cursor';
import { CursorSecretLoader, MissingCursorSecretError } from './cursor-secret.loader';

const SECRET = 'unit-test-secret-of-at-least-32-characters';
const ID = '00000000-0000-4000-8000-000000000000';

describe('cursor binding', () => {
  beforeAll(() => useCursorSecret(SECRET));

  it('normalizes the query: sorted names, trimmed values, no limit or cursor, a list of one is its value', () => {
    const expected = '["search",[["access",["access.free","access.walk-in"]],["near","32.7,-96.8"],["service","service.naloxone"]]]';
    expect(
      cursorBinding('search', { service: ['service.naloxone'], near: ' 32.7,-96.8 ', access: ['access.free', 'access.walk-in'], limit: 5, cursor: 'x' }),
    ).toBe(expected);
    expect(cursorBinding('search', { near: '32.7,-96.8', access: ['access.free', 'access.walk-in'], service: 'service.naloxone', q: undefined })).toBe(
      expected,
    );
    // a repeated filter keeps the order it was given in
    expect(cursorBinding('search', { near: '32.7,-96.8', access: ['access.walk-in', 'access.free'], service: 'service.naloxone' })).not.toBe(expected);
  });

  it('is the documented format: base64url(first 16 bytes of HMAC-SHA256(secret, binding + "\\n" + payload) || payload)', () => {
    const binding = cursorBinding('organizations', {});
    const payload = JSON.stringify({ v: 2, k: ['Alpha', ID] });
    const tag = createHmac('sha256', SECRET).update(`${binding}\n${payload}`).digest().subarray(0, 16);
    expect(encodeCursor(['Alpha', ID], binding)).toBe(Buffer.concat([tag, Buffer.from(payload)]).toString('base64url'));
  });

  it('decodes only for the same binding', () => {
    const cursor = encodeCursor(['Alpha', ID], cursorBinding('services', { organization_id: ID }));
    expect(decodeCursor(cursor, ['string', 'uuid'], cursorBinding('services', { organization_id: ID, limit: 50 }))).toEqual(['Alpha', ID]);
    expect(() => decodeCursor(cursor, ['string', 'uuid'], cursorBinding('services', {}))).toThrow(DomainError);
    expect(() => decodeCursor(cursor, ['string', 'uuid'], cursorBinding('organizations', { organization_id: ID }))).toThrow(DomainError);
  });

  it('a new secret invalidates the cursors signed with the old one', () => {
    const binding = cursorBinding('audit', {});
    const cursor = encodeCursor([7], binding);
    useCursorSecret(`${SECRET}-rotated`);
    expect(() => decodeCursor(cursor, ['seq'], binding)).toThrow(DomainError);
    useCursorSecret(SECRET);
    expect(decodeCursor(cursor, ['seq'], binding)).toEqual([7]);
  });
});

describe('CursorSecretLoader', () => {
  const config = (secret?: string) => Object.assign(new AppConfig(), { CURSOR_SECRET: secret });
  const db = (query: () => Promise<unknown>) => ({ query }) as unknown as DataSource;
  const noTable = () => Promise.reject(Object.assign(new Error('relation "cursor_secret" does not exist'), { code: '42P01' }));

  it('prefers CURSOR_SECRET, without touching the database', async () => {
    await new CursorSecretLoader(config('x'.repeat(40)), db(noTable)).onApplicationBootstrap();
    const binding = cursorBinding('audit', {});
    const tag = createHmac('sha256', 'x'.repeat(40)).update(`${binding}\n{"v":2,"k":[1]}`).digest().subarray(0, 16);
    expect(encodeCursor([1], binding)).toBe(Buffer.concat([tag, Buffer.from('{"v":2,"k":[1]}')]).toString('base64url'));
  });

  it('else reads the database row', async () => {
    const stored = 'ab'.repeat(32);
    await new CursorSecretLoader(
      config(),
      db(() => Promise.resolve([{ secret: stored }])),
    ).onApplicationBootstrap();
    const binding = cursorBinding('audit', {});
    const tag = createHmac('sha256', stored).update(`${binding}\n{"v":2,"k":[1]}`).digest().subarray(0, 16);
    expect(encodeCursor([1], binding).startsWith(tag.toString('base64url').slice(0, 20))).toBe(true);
  });

  it('fails start-up, saying what to do, when there is neither', async () => {
    await expect(new CursorSecretLoader(config(), db(noTable)).onApplicationBootstrap()).rejects.toThrow(MissingCursorSecretError);
    await expect(
      new CursorSecretLoader(
        config(),
        db(() => Promise.resolve([])),
      ).onApplicationBootstrap(),
    ).rejects.toThrow(/CURSOR_SECRET/);
    // any other database error is not hidden behind that message
    await expect(
      new CursorSecretLoader(
        config(),
        db(() => Promise.reject(new Error('connection lost'))),
      ).onApplicationBootstrap(),
    ).rejects.toThrow('connection lost');
  });
});
