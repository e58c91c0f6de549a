import { geodesicDistanceMeters } from './geodesic';

const a = 6378137;
const f = 1 / 298.257223563;
const MM = 0.001;

/** Degrees, minutes, seconds to decimal degrees; the sign of `deg` applies to the whole angle. */
function dms(deg: number, min: number, sec: number): number {
  const sign = deg < 0 || Object.is(deg, -0) ? -1 : 1;
  return sign * (Math.abs(deg) + min / 60 + sec / 3600);
}

function expectWithin(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected);
  if (!(error <= tolerance)) {
    throw new Error(`expected ${expected} ± ${tolerance}, got ${actual} (off by ${error})`);
  }
}

/**
 * Meridian arc length from the equator to latitude phi, by Helmert's series in the third
 * flattening n (truncated after n^4; the n^5 term is below 1e-7 m on WGS84). Used as an
 * independent check of the meridional case.
 */
function meridianArc(latDeg: number): number {
  const n = f / (2 - f);
  const phi = (latDeg * Math.PI) / 180;
  const n2 = n * n;
  const n3 = n2 * n;
  const n4 = n3 * n;
  return (
    (a / (1 + n)) *
    ((1 + n2 / 4 + n4 / 64) * phi -
      (3 / 2) * (n - n3 / 8) * Math.sin(2 * phi) +
      (15 / 16) * (n2 - n4 / 4) * Math.sin(4 * phi) -
      (35 / 48) * n3 * Math.sin(6 * phi) +
      (315 / 512) * n4 * Math.sin(8 * phi))
  );
}

describe('geodesicDistanceMeters (Vincenty inverse, WGS84)', () => {
  it('reproduces the Flinders Peak -> Buninyong example (Vincenty 1975; Geoscience Australia)', () => {
    const flindersPeak = [dms(-37, 57, 3.7203), dms(144, 25, 29.5244)] as const;
    const buninyong = [dms(-37, 39, 10.1561), dms(143, 55, 35.3839)] as const;
    expectWithin(geodesicDistanceMeters(...flindersPeak, ...buninyong), 54972.271, MM);
  });

  it('gives 110574.389 m for 1 degree of latitude at the equator', () => {
    expectWithin(geodesicDistanceMeters(0, 0, 1, 0), 110574.389, MM);
    expectWithin(geodesicDistanceMeters(0, 0, 1, 0), meridianArc(1), MM);
  });

  it('gives a * pi / 180 = 111319.491 m for 1 degree of longitude at the equator', () => {
    expectWithin(geodesicDistanceMeters(0, 0, 0, 1), 111319.491, MM);
    expectWithin(geodesicDistanceMeters(0, 0, 0, 1), (a * Math.PI) / 180, MM);
    expectWithin(geodesicDistanceMeters(0, 10, 0, 13.5), (a * Math.PI * 3.5) / 180, MM);
  });

  it('matches the meridian arc series along meridians, up to the poles', () => {
    for (const lat of [0.001, 10, 30, 45, 60, 80, 89, 89.999, 90]) {
      expectWithin(geodesicDistanceMeters(0, 25, lat, 25), meridianArc(lat), MM);
      expectWithin(geodesicDistanceMeters(-lat, -70, 0, -70), meridianArc(lat), MM);
    }
    // Quarter meridian of WGS84: 10 001 965.729 m; pole to pole is twice that.
    expectWithin(geodesicDistanceMeters(0, 0, 90, 0), 10001965.729, MM);
    expectWithin(geodesicDistanceMeters(90, 0, -90, 0), 20003931.459, MM);
    expectWithin(geodesicDistanceMeters(-90, 0, 90, 0), 20003931.459, MM);
  });

  it('returns 0 for coincident points', () => {
    expect(geodesicDistanceMeters(0, 0, 0, 0)).toBe(0);
    expect(geodesicDistanceMeters(52.52, 13.405, 52.52, 13.405)).toBe(0);
    expect(geodesicDistanceMeters(-33.8688, 151.2093, -33.8688, 151.2093)).toBe(0);
    expect(geodesicDistanceMeters(0, 180, 0, -180)).toBe(0);
    // At a pole every longitude names the same point.
    expect(geodesicDistanceMeters(90, 0, 90, 77)).toBe(0);
    expect(geodesicDistanceMeters(-90, -45, -90, 135)).toBe(0);
  });

  it('ignores the longitude of a point at a pole', () => {
    for (const [lat, lon] of [
      [45, 30],
      [-12.5, -170],
      [89, 179],
    ]) {
      const reference = geodesicDistanceMeters(90, 0, lat, lon);
      for (const poleLon of [-180, -123, 45, 179.999]) {
        expectWithin(geodesicDistanceMeters(90, poleLon, lat, lon), reference, 1e-6);
      }
      expectWithin(reference, meridianArc(90) - meridianArc(lat), MM);
    }
  });

  it('is symmetric', () => {
    const pairs: [number, number, number, number][] = [
      [dms(-37, 57, 3.7203), dms(144, 25, 29.5244), dms(-37, 39, 10.1561), dms(143, 55, 35.3839)],
      [51.4778, -0.0015, 40.6413, -73.7781],
      [-33.8688, 151.2093, 51.5074, -0.1278],
      [0, 179.9, 0, -179.9],
      [89.5, 10, 89.5, -170],
      [10, 20, 10.00001, 20.00001],
    ];
    for (const [lat1, lon1, lat2, lon2] of pairs) {
      expectWithin(geodesicDistanceMeters(lat2, lon2, lat1, lon1), geodesicDistanceMeters(lat1, lon1, lat2, lon2), 1e-6);
    }
  });

  it('crosses the antimeridian the short way, like the same pair shifted away from it', () => {
    const shifted: [[number, number, number, number], [number, number, number, number]][] = [
      [
        [0, 179.9, 0, -179.9],
        [0, -0.1, 0, 0.1],
      ],
      [
        [60, -179.9, 60, 179.9],
        [60, 0.1, 60, -0.1],
      ],
      [
        [10, 179.5, -10, -179.5],
        [10, -0.5, -10, 0.5],
      ],
      [
        [-41.29, 174.78, -13.83, -171.76],
        [-41.29, 174.78 - 90, -13.83, -171.76 - 90],
      ],
    ];
    for (const [across, away] of shifted) {
      expectWithin(geodesicDistanceMeters(...across), geodesicDistanceMeters(...away), 1e-6);
    }
    // 0.2 degree of the equator, the short way across 180.
    expectWithin(geodesicDistanceMeters(0, 179.9, 0, -179.9), (a * Math.PI * 0.2) / 180, 1e-6);
    // Longitudes outside [-180, 180] are taken modulo 360.
    expectWithin(geodesicDistanceMeters(0, 190, 0, -170), 0, 1e-6);
    expectWithin(geodesicDistanceMeters(20, 540, 21, -179), geodesicDistanceMeters(20, 180, 21, -179), 1e-6);
  });

  it('agrees with GeographicLib (Karney 2013) as computed by PROJ 9.1.1 `geod +ellps=WGS84 -I +units=m`', () => {
    // Values printed by geod with -F %.6f; Karney's algorithm is accurate to about 15 nm.
    const cases: [number, number, number, number, number][] = [
      [51.4778, -0.0015, 40.6413, -73.7781, 5584539.269572], // Heathrow -> JFK
      [-33.8688, 151.2093, 51.5074, -0.1278, 16989295.77054], // Sydney -> London
      [89.5, 10, 89.5, -170, 111693.950897], // over the North Pole
      [10, 179.5, -10, -179.5, 2214481.072107], // across the antimeridian and the equator
      [0, 0, 0.5, 179.5, 19936288.578981], // nearly antipodal, still converges
    ];
    for (const [lat1, lon1, lat2, lon2, expected] of cases) {
      expectWithin(geodesicDistanceMeters(lat1, lon1, lat2, lon2), expected, MM);
    }
  });

  it('throws when the iteration does not converge (nearly antipodal points)', () => {
    expect(() => geodesicDistanceMeters(0, 0, 0.5, 179.7)).toThrow(/did not converge/);
    expect(() => geodesicDistanceMeters(0, 0, 0, 180)).toThrow(/did not converge/);
  });

  it('rejects latitudes outside [-90, 90] and non-finite input', () => {
    expect(() => geodesicDistanceMeters(91, 0, 0, 0)).toThrow(RangeError);
    expect(() => geodesicDistanceMeters(0, 0, -90.5, 0)).toThrow(RangeError);
    expect(() => geodesicDistanceMeters(Number.NaN, 0, 0, 0)).toThrow(RangeError);
    expect(() => geodesicDistanceMeters(0, Number.POSITIVE_INFINITY, 0, 0)).toThrow(RangeError);
  });
});
