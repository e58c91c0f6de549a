import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { bearer, createKeys } from './support/api-keys';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';
import { DataSource } from 'typeorm';
import { CursorForger, cursorForger } from './support/cursors';
import { expectProjectionCurrent } from './support/search-projection';

type Change = { seq: number; at: string; entity: Entity; entity_id: string; op: 'create' | 'update' | 'delete' };
type FeedPage = { data: Change[]; next_since: string; has_more: boolean };
type Entity = 'organization' | 'service' | 'location' | 'service_at_location';

const LISTS: Record<Entity, string> = {
  organization: '/v1/organizations',
  service: '/v1/services',
  location: '/v1/locations',
  service_at_location: '/v1/service-at-locations',
};
const ENTITIES = Object.keys(LISTS) as Entity[];

/** A feed position signed with the real secret (cursors are signed: src/common/pagination/cursor.ts). */
const since = (forge: CursorForger, key: unknown[]) => forge.key(['changes', []], key);

/**
 * A client following the README: start without `since`, apply every change
 * (a create or update means "have this record", a delete "drop it"), go on
 * with next_since while has_more.
 */
class Follower {
  readonly records = new Map<Entity, Set<string>>(ENTITIES.map((e) => [e, new Set()]));
  readonly seen: Change[] = [];
  since: string | undefined;

  constructor(
    private readonly url: string,
    private readonly limit: number,
  ) {}

  /** One page; false once nothing more is waiting. */
  async step(): Promise<boolean> {
    const res = await request(this.url)
      .get('/v1/changes')
      .query({ limit: this.limit, ...(this.since ? { since: this.since } : {}) })
      .expect(200);
    const page = res.body as FeedPage;
    expect(page.data.length).toBeLessThanOrEqual(this.limit);
    for (const change of page.data) {
      this.seen.push(change);
      if (change.op === 'delete') this.records.get(change.entity)!.delete(change.entity_id);
      else this.records.get(change.entity)!.add(change.entity_id);
    }
    this.since = page.next_since;
    return page.has_more;
  }

  async toEnd(): Promise<this> {
    while (await this.step());
    return this;
  }
}

describe('change feed from zero (GET /v1/changes)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let keys: Awaited<ReturnType<typeof createKeys>>;

  beforeAll(async () => {
    ({ app, url } = await startTestApp());
    keys = await createKeys(app, 'sync');
  });
  // every write this suite makes must leave the search projection equal to a rebuild
  afterEach(() => expectProjectionCurrent(app.get(DataSource)));
  afterAll(() => app.close());

  /** Every live id of one kind, read independently of the feed: the list endpoint, paged to the end. */
  async function listed(entity: Entity): Promise<Set<string>> {
    const ids = new Set<string>();
    let next: string | null | undefined;
    do {
      const res = await request(url)
        .get(LISTS[entity])
        .query({ limit: 100, ...(next ? { cursor: next } : {}) })
        .expect(200);
      for (const record of res.body.data as { id: string }[]) ids.add(record.id);
      next = res.body.page.next_cursor;
    } while (next);
    return ids;
  }

  async function expectFollowerHoldsTheDirectory(follower: Follower): Promise<void> {
    for (const entity of ENTITIES) {
      const live = await listed(entity);
      expect([entity, [...follower.records.get(entity)!].sort()]).toEqual([entity, [...live].sort()]);
    }
  }

  const newOrganization = async (name: string): Promise<{ id: string; version: number }> =>
    (await request(url).post('/v1/organizations').set(bearer(keys.write)).send({ name, description: 'Change feed test record.' }).expect(201)).body;

  const deleteOrganization = (id: string, version = 1) =>
    request(url).delete(`/v1/organizations/${id}`).set(bearer(keys.write)).set('if-match', `"${version}"`).expect(204);

  it('paged from zero, reaches exactly the live directory, seeded demo records included, parents first', async () => {
    const follower = await new Follower(url, 1000).toEnd();
    await expectFollowerHoldsTheDirectory(follower);
    // the seeded demo directory is hundreds of records, none written through the API
    const total = ENTITIES.reduce((n, e) => n + follower.records.get(e)!.size, 0);
    expect(follower.records.get('organization')!.size).toBeGreaterThan(10);
    expect(total).toBeGreaterThan(300);

    // the snapshot: every record once, as a create, organizations before services before locations before links
    const snapshot = follower.seen.filter((c) => c.seq === follower.seen[0].seq && c.op === 'create');
    expect(snapshot.length).toBe(total);
    const order = snapshot.map((c) => ENTITIES.indexOf(c.entity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(snapshot.map((c) => c.entity_id)).size).toBe(snapshot.length);
    // seq never goes back: the log part comes after the snapshot's position
    const seqs = follower.seen.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('small pages cross table boundaries and the snapshot-to-log step without losing or repeating a record', async () => {
    const whole = await new Follower(url, 1000).toEnd();
    const paged = new Follower(url, 37);
    let pages = 0;
    while (await paged.step()) pages++;
    expect(pages).toBeGreaterThan(5);
    for (const entity of ENTITIES) expect([...paged.records.get(entity)!].sort()).toEqual([...whole.records.get(entity)!].sort());
    const created = paged.seen.filter((c) => c.op === 'create').map((c) => `${c.entity}:${c.entity_id}`);
    expect(new Set(created).size).toBe(created.length);
  });

  it('records created and deleted while a client is still paging the snapshot reach it', async () => {
    const served = await newOrganization('Feed test: listed, then deleted mid-snapshot (fictional)');
    const follower = new Follower(url, 10);
    // page until the snapshot has given this organization (id order: it may come on any page)
    while (!follower.records.get('organization')!.has(served.id)) expect(await follower.step()).toBe(true);
    await deleteOrganization(served.id);
    const added = await newOrganization('Feed test: created mid-snapshot (fictional)');
    const gone = await newOrganization('Feed test: created and deleted before the client got there (fictional)');
    await deleteOrganization(gone.id);
    await follower.toEnd();

    expect(follower.records.get('organization')!.has(served.id)).toBe(false);
    expect(follower.records.get('organization')!.has(added.id)).toBe(true);
    expect(follower.records.get('organization')!.has(gone.id)).toBe(false);
    expect(follower.seen).toContainEqual(expect.objectContaining({ entity: 'organization', entity_id: served.id, op: 'delete' }));
    await expectFollowerHoldsTheDirectory(follower);
  });

  it('after the last page: a write shows up after the last cursor, a delete as a delete, and an idle poll stays put', async () => {
    const follower = await new Follower(url, 500).toEnd();
    const idle = (await request(url).get('/v1/changes').query({ since: follower.since }).expect(200)).body as FeedPage;
    expect(idle).toEqual({ data: [], next_since: follower.since, has_more: false });

    const org = await newOrganization('Feed test: written after catching up (fictional)');
    const afterCreate = (await request(url).get('/v1/changes').query({ since: follower.since }).expect(200)).body as FeedPage;
    expect(afterCreate.data.map((c) => [c.entity, c.entity_id, c.op])).toEqual([['organization', org.id, 'create']]);
    expect(afterCreate.data[0].seq).toBeGreaterThan(Math.max(...follower.seen.map((c) => c.seq)));

    await deleteOrganization(org.id);
    const afterDelete = (await request(url).get('/v1/changes').query({ since: afterCreate.next_since }).expect(200)).body as FeedPage;
    expect(afterDelete.data.map((c) => [c.entity, c.entity_id, c.op])).toEqual([['organization', org.id, 'delete']]);
    expect(afterDelete.has_more).toBe(false);

    await follower.toEnd();
    expect(follower.records.get('organization')!.has(org.id)).toBe(false);
    await expectFollowerHoldsTheDirectory(follower);
  });

  it('a log cursor still means "the log after this position": since=[0] is the whole recorded history', async () => {
    const org = await newOrganization('Feed test: in the log (fictional)');
    const history = new Follower(url, 1000);
    history.since = since(await cursorForger(app.get(DataSource)), [0]);
    await history.toEnd();
    expect(history.seen.every((c) => c.seq > 0)).toBe(true);
    expect(history.seen).toContainEqual(expect.objectContaining({ entity: 'organization', entity_id: org.id, op: 'create' }));
  });

  it.each([
    ['an entity past the last table', [5, 4, '00000000-0000-4000-8000-000000000000']],
    ['a position that is not a uuid', [5, 0, 'not-a-uuid']],
    ['a negative head', [-1, 0, '00000000-0000-4000-8000-000000000000']],
    ['a fractional table', [5, 0.5, '00000000-0000-4000-8000-000000000000']],
    ['two parts', [5, 0]],
    ['four parts', [5, 0, '00000000-0000-4000-8000-000000000000', 1]],
  ])('a tampered snapshot cursor (%s), even correctly signed, is a 400 naming since', async (_name, key) => {
    const forge = await cursorForger(app.get(DataSource));
    await request(url)
      .get('/v1/changes')
      .query({ since: since(forge, [5, 3, '00000000-0000-4000-8000-000000000000']) })
      .expect(200);
    expectProblem(
      await request(url)
        .get('/v1/changes')
        .query({ since: since(forge, key) }),
      400,
      'INVALID_CURSOR',
      'since',
    );
  });
});
