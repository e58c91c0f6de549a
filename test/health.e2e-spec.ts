import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { startTestApp } from './support/test-app';

describe('health', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  it('is live', async () => {
    const res = await request(url).get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers', async () => {
    const res = await request(url).get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('plans every query with its real parameters, nearest-first (plan_cache_mode, no bitmap scans, no JIT)', async () => {
    const [{ plan_cache_mode }] = await app.get(DataSource).query('SHOW plan_cache_mode');
    expect(plan_cache_mode).toBe('force_custom_plan');
    const [{ enable_bitmapscan }] = await app.get(DataSource).query('SHOW enable_bitmapscan');
    expect(enable_bitmapscan).toBe('off');
    const [{ jit }] = await app.get(DataSource).query('SHOW jit');
    expect(jit).toBe('off');
  });

  it('answers an unknown path with 404 problem+json', async () => {
    const res = await request(url).get('/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
