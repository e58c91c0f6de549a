import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

interface Term {
  code: string;
  name: string;
  parent_code: string | null;
  crosswalks: { system: string; code: string }[];
  enacts: string[];
  enacted_by: string[];
  children: Term[];
}

function flatten(terms: Term[]): Term[] {
  return terms.flatMap((t) => [t, ...flatten(t.children)]);
}

const PRINCIPLES = [
  'principle.accept-and-reduce-harm',
  'principle.spectrum-of-use',
  'principle.wellbeing-first',
  'principle.non-judgmental',
  'principle.voice-of-people-who-use-drugs',
  'principle.peer-empowerment',
  'principle.social-inequalities',
  'principle.real-harms',
];

describe('taxonomy', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => ({ app, url } = await startTestApp()));
  afterAll(() => app.close());

  it('publishes the six branches as a tree, with all eight principles', async () => {
    const res = await request(url).get('/v1/taxonomy').expect(200);
    const roots: Term[] = res.body.data;
    expect(roots.map((r) => r.code)).toEqual(['principle', 'service', 'access', 'transport', 'population', 'practice']);
    const all = flatten(roots);
    expect(all.filter((t) => t.code.startsWith('principle.')).map((t) => t.code).sort()).toEqual([...PRINCIPLES].sort());
    // every child sits under its parent in the tree
    for (const term of all) for (const child of term.children) expect(child.parent_code).toBe(term.code);
  });

  it('carries the FindTreatment and HL7 crosswalks', async () => {
    const all = flatten((await request(url).get('/v1/taxonomy').expect(200)).body.data);
    const crosswalk = (code: string) => all.find((t) => t.code === code)?.crosswalks;
    expect(crosswalk('service.moud.buprenorphine')).toContainEqual({ system: 'findtreatment', code: 'BU' });
    expect(crosswalk('service.moud.methadone')).toContainEqual({ system: 'findtreatment', code: 'METH' });
    expect(crosswalk('service.moud.naltrexone')).toContainEqual({ system: 'findtreatment', code: 'NU' });
    expect(crosswalk('service.syringe-services')).toContainEqual({ system: 'hl7-service-type', code: '107' });
  });

  it('links practices to the principles they enact, both ways', async () => {
    const peer = (await request(url).get('/v1/taxonomy/practice.peer-staff').expect(200)).body as Term;
    expect(peer.enacts.sort()).toEqual(['principle.peer-empowerment', 'principle.voice-of-people-who-use-drugs']);
    const principle = (await request(url).get('/v1/taxonomy/principle.peer-empowerment').expect(200)).body as Term;
    expect(principle.enacted_by).toEqual(expect.arrayContaining(['practice.peer-staff', 'practice.secondary-distribution']));
  });

  it('returns one branch with its descendants', async () => {
    const res = await request(url).get('/v1/taxonomy').query({ branch: 'service.moud' }).expect(200);
    expect(res.body.data).toHaveLength(1);
    const codes = flatten(res.body.data).map((t) => t.code);
    expect(codes).toEqual(
      expect.arrayContaining(['service.moud', 'service.moud.buprenorphine', 'service.moud.methadone', 'service.moud.naltrexone']),
    );
    expect(codes.every((c) => c.startsWith('service.moud'))).toBe(true);
  });

  it('rejects an unknown or malformed branch with 400', async () => {
    expectProblem(await request(url).get('/v1/taxonomy').query({ branch: 'service.nope' }), 400, 'INVALID_PARAMETER', 'branch');
    expectProblem(await request(url).get('/v1/taxonomy').query({ branch: 'Service!' }), 400, 'INVALID_PARAMETER', 'branch');
  });

  it('answers an unknown code with 404 and a malformed one with 400', async () => {
    expectProblem(await request(url).get('/v1/taxonomy/service.teleportation'), 404, 'NOT_FOUND');
    expectProblem(await request(url).get('/v1/taxonomy/NOT%20A%20CODE'), 400, 'INVALID_PARAMETER', 'code');
  });

  it('lists languages with the FindTreatment crosswalk', async () => {
    const res = await request(url).get('/v1/languages').expect(200);
    const byCode = new Map(res.body.data.map((l: { code: string }) => [l.code, l]));
    expect(byCode.get('es')).toMatchObject({ name: expect.stringMatching(/Spanish/), findtreatment_code: 'SP' });
    expect(byCode.get('ase')).toMatchObject({ findtreatment_code: 'ASL' });
    expect(byCode.get('nv')).toMatchObject({ findtreatment_code: 'N23' });
  });
});
