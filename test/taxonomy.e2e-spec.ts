import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from './support/checked-request';
import { DataSource } from 'typeorm';
import { TaxonomyRepository } from '../src/modules/taxonomy/taxonomy.repository';
import { TermMatcher } from '../src/modules/taxonomy/term-matcher';
import { gql } from './support/graphql';
import { expectProblem } from './support/problem';
import { startTestApp } from './support/test-app';

interface Alias {
  name: string;
  language: string;
}

interface Term {
  code: string;
  name: string;
  description: string;
  name_es: string;
  description_es: string | null;
  aliases: Alias[];
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
    expect(
      all
        .filter((t) => t.code.startsWith('principle.'))
        .map((t) => t.code)
        .sort(),
    ).toEqual([...PRINCIPLES].sort());
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
    expect(codes).toEqual(expect.arrayContaining(['service.moud', 'service.moud.buprenorphine', 'service.moud.methadone', 'service.moud.naltrexone']));
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

  describe('Spanish names and aliases', () => {
    let all: Term[];
    const byCode = (code: string) => all.find((t) => t.code === code)!;
    const aliasNames = (code: string, language?: string) =>
      byCode(code)
        .aliases.filter((a) => !language || a.language === language)
        .map((a) => a.name);

    beforeAll(async () => {
      all = flatten((await request(url).get('/v1/taxonomy').expect(200)).body.data);
    });

    it('gives every term a Spanish name and description of its own', () => {
      expect(all.length).toBeGreaterThan(70);
      for (const term of all) {
        expect(term.name_es.trim()).not.toBe('');
        expect(term.description_es?.trim()).toBeTruthy();
        // translated, not copied: no term keeps its English name or description
        expect(term.name_es).not.toBe(term.name);
        expect(term.description_es).not.toBe(term.description);
      }
      expect(byCode('service.naloxone').name_es).toBe('Naloxona');
      expect(byCode('service.syringe-services.syringe-exchange').name_es).toBe('Intercambio de jeringas');
      expect(byCode('service.moud').name_es).toBe('Tratamiento con medicamentos para el trastorno por consumo de opioides (MOUD)');
      expect(byCode('service.moud.methadone').name_es).toBe('Metadona');
      expect(byCode('service.peer-support').name_es).toBe('Apoyo entre pares');
      expect(byCode('access.free').name_es).toBe('Gratis');
      expect(byCode('access.walk-in').name_es).toBe('Sin cita previa');
    });

    it('lists brand names and everyday words, in English and Spanish', () => {
      expect(aliasNames('service.naloxone', 'en')).toEqual(expect.arrayContaining(['Narcan', 'Kloxxado', 'Zimhi', 'Narcan nasal spray']));
      expect(aliasNames('service.moud.buprenorphine', 'en')).toEqual(
        expect.arrayContaining(['Suboxone', 'Subutex', 'Sublocade', 'Zubsolv', 'Brixadi', 'bupe', 'subs']),
      );
      expect(aliasNames('service.moud.naltrexone')).toContain('Vivitrol');
      expect(aliasNames('service.moud.methadone', 'en')).toEqual(expect.arrayContaining(['methadone clinic', 'OTP', 'opioid treatment program']));
      expect(aliasNames('service.moud.methadone', 'es')).toContain('clínica de metadona');
      expect(aliasNames('service.moud', 'en')).toEqual(expect.arrayContaining(['MAT', 'MOUD', 'medication-assisted treatment']));
      expect(aliasNames('service.moud', 'es')).toContain('tratamiento asistido con medicamentos');
      expect(aliasNames('service.syringe-services', 'en')).toEqual(expect.arrayContaining(['needle exchange', 'SSP', 'syringe services program']));
      expect(aliasNames('service.syringe-services', 'es')).toContain('intercambio de jeringas');
      expect(aliasNames('service.syringe-services.syringe-exchange')).toEqual(expect.arrayContaining(['clean needles', 'jeringas limpias']));
      expect(aliasNames('service.drug-checking.fentanyl-test-strips')).toEqual(expect.arrayContaining(['FTS', 'tiras de fentanilo']));
      expect(aliasNames('service.drug-checking.xylazine-test-strips')).toEqual(expect.arrayContaining(['xylazine', 'tranq', 'tiras de xilacina']));
      expect(aliasNames('service.naloxone.vending-machine')).toContain('Narcan vending machine');
      expect(aliasNames('service.testing-and-prevention.hiv-testing', 'es')).toContain('prueba de VIH');
      expect(aliasNames('service.testing-and-prevention.hcv-testing')).toContain('hep C');
      expect(aliasNames('service.wound-care', 'es')).toContain('curación de heridas');
      expect(aliasNames('service.overdose-prevention-center')).toEqual(expect.arrayContaining(['safe consumption site', 'supervised injection']));
      expect(aliasNames('service.syringe-services.syringe-disposal')).toContain('sharps disposal');
      expect(aliasNames('access.walk-in', 'es')).toContain('sin cita');
      expect(aliasNames('access.no-id-required', 'es')).toContain('sin identificación');
      expect(aliasNames('access.open-24-7')).toEqual(expect.arrayContaining(['24/7', '24 horas']));
      expect(aliasNames('transport.near-public-transit')).toEqual(expect.arrayContaining(['bus', 'transporte público']));
      expect(aliasNames('population.youth', 'es')).toContain('jóvenes');
    });

    it('tags every alias en or es, never repeats one within a term, and gives principles none', () => {
      for (const term of all) {
        for (const alias of term.aliases) expect(['en', 'es']).toContain(alias.language);
        const folded = term.aliases.map((a) => a.name.toLowerCase());
        expect(new Set(folded).size).toBe(folded.length);
        if (term.code.startsWith('principle')) expect(term.aliases).toEqual([]);
      }
    });

    it('serves the same in GraphQL as nameEs, descriptionEs and aliases', async () => {
      const res = await gql<{ taxonomyTerm: { code: string; nameEs: string; descriptionEs: string | null; aliases: Alias[] } }>(
        url,
        `{ taxonomyTerm(code: "service.naloxone") { code nameEs descriptionEs aliases { name language } } }`,
      );
      expect(res.errors).toBeUndefined();
      const rest = byCode('service.naloxone');
      expect(res.data!.taxonomyTerm).toEqual({
        code: 'service.naloxone',
        nameEs: 'Naloxona',
        descriptionEs: rest.description_es,
        aliases: rest.aliases,
      });
      const tree = await gql<{ taxonomy: { children: { code: string; nameEs: string }[] }[] }>(
        url,
        `{ taxonomy(branch: "service.moud") { children { code nameEs } } }`,
      );
      expect(tree.data!.taxonomy[0].children).toContainEqual({ code: 'service.moud.buprenorphine', nameEs: 'Buprenorfina' });
    });

    it('gives search one query with every term and its aliases, from which it reads queries', async () => {
      const terms = await app.get(TaxonomyRepository).matcherTerms();
      expect(terms.map((t) => t.code).sort()).toEqual(all.map((t) => t.code).sort());
      expect(terms.find((t) => t.code === 'service.naloxone')).toEqual({
        code: 'service.naloxone',
        name: 'Naloxone',
        name_es: 'Naloxona',
        aliases: byCode('service.naloxone').aliases,
      });
      const matcher = TermMatcher.from(terms);
      // the four queries of issue 12 that found nothing
      expect(matcher.codesFor('narcan')).toEqual(['service.naloxone']);
      expect(matcher.codesFor('suboxone')).toEqual(['service.moud.buprenorphine']);
      expect(matcher.codesFor('needle exchange')).toEqual(['service.syringe-services', 'service.syringe-services.syringe-exchange']);
      expect(matcher.codesFor('xylazine')).toEqual(['service.drug-checking.xylazine-test-strips']);
      expect(matcher.codesFor('intercambio de jeringas gratis')).toEqual([
        'access.free',
        'service.syringe-services',
        'service.syringe-services.syringe-exchange',
      ]);
    });

    it('has the database refuse a bad alias or a missing Spanish name', async () => {
      const db = app.get(DataSource);
      const insert = (code: string, alias: string, language: string) =>
        db.query(`INSERT INTO taxonomy_term_alias (term_code, alias, language) VALUES ($1, $2, $3)`, [code, alias, language]);
      await expect(insert('service.naloxone', 'Narcan', 'en')).rejects.toMatchObject({ code: '23505' });
      await expect(insert('service.naloxone', 'NARCAN', 'en')).rejects.toMatchObject({ code: '23505' }); // case-folded duplicate
      await expect(insert('service.naloxone', 'Narcan nasal', 'fr')).rejects.toMatchObject({ code: '23514' });
      await expect(insert('service.naloxone', ' Narcan ', 'en')).rejects.toMatchObject({ code: '23514' });
      await expect(insert('service.teleportation', 'beam me up', 'en')).rejects.toMatchObject({ code: '23503' });
      await expect(db.query(`UPDATE taxonomy_term SET name_es = NULL WHERE code = 'access.free'`)).rejects.toMatchObject({ code: '23502' });
      await expect(db.query(`UPDATE taxonomy_term SET name_es = ' ' WHERE code = 'access.free'`)).rejects.toMatchObject({ code: '23514' });
    });
  });
});
