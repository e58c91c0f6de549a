import { classifyParameter, redactPath, redactQuery, redactUrl } from './request-logger';

const KEY = 'hrd_Q2hhbmdlTWVQbGVhc2UtdGhpcy1pcy1ub3QtYS1rZXk';

describe('request log redaction', () => {
  it('rounds every spelling of a location to 2 decimals', () => {
    expect(redactQuery('near=32.776543,-96.797012')).toBe('near=32.78,-96.80');
    expect(redactQuery('Near=32.776543,-96.797012')).toBe('Near=32.78,-96.80');
    expect(redactQuery('bbox=-96.851234,32.701234,-96.701234,32.801234')).toBe('bbox=-96.85,32.70,-96.70,32.80');
    expect(redactQuery('lat=32.776543&LNG=-96.797012&longitude=1e400')).toBe('lat=32.78&LNG=-96.80&longitude=?');
    expect(redactQuery('near=32.776543,-96.797012,1,2,3')).toBe('near=(26 chars)');
    expect(redactQuery('near=abc,')).toBe('near=?,?');
  });

  it('cuts every spelling of a postal code to its 3-digit area', () => {
    expect(redactQuery('postal_code=75215&postcode=10001-1234&postal-code=94110&zip=02139&ZipCode=60614')).toBe(
      'postal_code=752xx&postcode=100xx&postal-code=941xx&zip=021xx&ZipCode=606xx',
    );
    expect(redactQuery('zip=K1A%200B1')).toBe('zip=(7 chars)');
  });

  it('logs only the length of free text and cursors', () => {
    expect(redactQuery('q=naloxone+for+my+brother&search=bup&cursor=eyJ2IjoxLCJrIjpbXX0&since=eyJ2IjoxfQ')).toBe(
      'q=(23 chars)&search=(3 chars)&cursor=(19 chars)&since=(10 chars)',
    );
    expect(redactQuery('heading=Near+my+home')).toBe('heading=(12 chars)');
  });

  it('shows codes, numbers, dates and ids only when they have a plain shape and are not a key', () => {
    expect(
      redactQuery(
        'format=geojson&service=service.naloxone,service.moud&limit=20&open_at=2026-11-26T21:30:00-06:00&organization_id=6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01',
      ),
    ).toBe(
      'format=geojson&service=service.naloxone,service.moud&limit=20&open_at=2026-11-26T21:30:00-06:00&organization_id=6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01',
    );
    expect(redactQuery(`format=${KEY}`)).toBe(`format=(${KEY.length} chars)`);
    expect(redactQuery('format=sk_live_4eC39HqLyjWDarjtT1zdp7dc')).toBe('format=(32 chars)');
    expect(redactQuery('language=my%20brother%20uses')).toBe('language=(15 chars)');
    expect(redactQuery(`service=${'service.naloxone,'.repeat(5)}`)).toBe('service=(85 chars)');
  });

  it('never shows an unknown parameter, neither its name nor its value', () => {
    expect(redactQuery(`api_key=${KEY}&${KEY}=1&home=12+Elm+St&__proto__=x&limit=5`)).toBe(
      '(unknown parameter)&(unknown parameter)&(unknown parameter)&(unknown parameter)&limit=5',
    );
  });

  it('covers every query parameter of the embed pages', () => {
    for (const name of [
      'near',
      'postal-code',
      'services',
      'languages',
      'limit',
      'radius-km',
      'open-now',
      'lang',
      'units',
      'allow-geolocation',
      'heading',
      'heading-level',
    ]) {
      expect([name, classifyParameter(name)]).not.toEqual([name, 'unknown']);
    }
    expect(redactUrl('/embed/listings?postal-code=75215&heading=Clinics+near+Elm+St', { url: '/embed/listings' })).toBe(
      '/embed/listings?postal-code=752xx&heading=(19 chars)',
    );
  });

  it('rebuilds the path from the matched route and never prints an unmatched one', () => {
    const id = '6b0f3e0e-2d4c-4a8e-9a51-1c2f4b7e9d01';
    expect(redactPath(`/v1/organizations/${id}`, { url: '/v1/organizations/:id', params: { id } })).toBe(`/v1/organizations/${id}`);
    expect(redactPath('/v1/organizations/75215', { url: '/v1/organizations/:id', params: { id: '75215' } })).toBe('/v1/organizations/(5 chars)');
    expect(redactPath(`/v1/taxonomy/${KEY}`, { url: '/v1/taxonomy/:code', params: { code: KEY } })).toBe(`/v1/taxonomy/(${KEY.length} chars)`);
    expect(redactPath('/v1/taxonomy/service.moud', { url: '/v1/taxonomy/:code', params: { code: 'service.moud' } })).toBe('/v1/taxonomy/service.moud');
    expect(redactPath('/embed/75215/12 Elm St', undefined)).toBe('(unmatched path, 22 chars)');
    expect(redactUrl('//evil.example/75215?zip=75215')).toBe('(unmatched path, 20 chars)?zip=752xx');
  });
});
