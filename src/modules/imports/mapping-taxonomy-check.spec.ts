import { DomainError } from '../../common/errors/domain-error';
import { closestCodes, editDistance } from './closest-codes';
import { assertMappingCodesKnown } from './mapping-taxonomy-check';

const KNOWN = new Set([
  'service.naloxone',
  'service.naloxone.distribution',
  'service.naloxone.vending-machine',
  'service.naloxone.by-mail',
  'service.moud.methadone',
  'service.peer-support',
  'access.open-24-7',
  'access.walk-in',
]);

describe('editDistance / closestCodes', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['service.naloxone.vending-machines', 'service.naloxone.vending-machine', 1],
    ['same', 'same', 0],
  ])('%s -> %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('names the nearest codes first, alphabetically among equals', () => {
    expect(closestCodes('service.naloxone.vending-machines', KNOWN)).toEqual([
      'service.naloxone.vending-machine',
      'service.naloxone.by-mail',
      'service.naloxone.distribution',
    ]);
  });
});

describe('assertMappingCodesKnown', () => {
  const csvMapping = (terms: object, constantTerms: string[] = []) =>
    JSON.stringify({ source: 'test-sheet', licence: 'CC0', attribution: 'Test', columns: { organizationName: 'name' }, terms, constantTerms });
  const failure = (f: () => void): DomainError => {
    try {
      f();
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('did not throw');
  };

  it('passes a mapping whose every code is in the taxonomy', () => {
    expect(() =>
      assertMappingCodesKnown('csv', csvMapping({ type: { dispenser: ['service.naloxone.vending-machine'] } }, ['access.walk-in']), KNOWN),
    ).not.toThrow();
  });

  it('a one-letter typo: a 400 naming where it is written and the closest codes', () => {
    const error = failure(() =>
      assertMappingCodesKnown('csv', csvMapping({ type: { 'Freestanding Dispenser': ['service.naloxone.vending-machines'] } }), KNOWN),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.status).toBe(400);
    expect(error.invalidParams).toEqual([
      {
        name: 'mapping.terms.type["Freestanding Dispenser"]',
        reason:
          "'service.naloxone.vending-machines' is not a taxonomy code of this directory; closest: service.naloxone.vending-machine, service.naloxone.by-mail, service.naloxone.distribution",
      },
    ]);
    expect(error.message).toMatch(/nothing was imported/);
  });

  it('names every unknown code, in terms and constantTerms', () => {
    const error = failure(() =>
      assertMappingCodesKnown('csv', csvMapping({ type: { a: ['service.nalxone'], b: ['access.walkin'] } }, ['service.peer-suport']), KNOWN),
    );
    expect(error.invalidParams.map((p) => p.name)).toEqual(['mapping.terms.type["a"]', 'mapping.terms.type["b"]', 'mapping.constantTerms']);
    expect(error.invalidParams[2].reason).toMatch(/closest: service\.peer-support,/);
  });

  it('checks a GeoJSON mapping over the Dallas defaults, and the defaults themselves', () => {
    expect(() => assertMappingCodesKnown('geojson', undefined, new Set([...KNOWN, 'service.naloxone.distribution']))).not.toThrow();
    const missing = new Set([...KNOWN].filter((c) => c !== 'service.peer-support'));
    expect(failure(() => assertMappingCodesKnown('geojson', undefined, missing)).invalidParams.map((p) => p.name)).toEqual([
      'mapping.terms.type["Recovery Support Services"]',
      'mapping.terms.category["recovery_services"]',
    ]);
    const typo = JSON.stringify({ terms: { type: { 'Freestanding Dispenser': ['service.naloxone.vending-machines'] } } });
    expect(failure(() => assertMappingCodesKnown('geojson', typo, KNOWN)).invalidParams[0].reason).toMatch(/closest: service\.naloxone\.vending-machine,/);
  });
});
