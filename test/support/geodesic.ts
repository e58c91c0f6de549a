/** Vincenty's (1975) iterative inverse formula on the WGS84 ellipsoid: geodesic distance in metres. */
export function geodesicDistanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  for (const [name, value] of [
    ['lat1', lat1],
    ['lon1', lon1],
    ['lat2', lat2],
    ['lon2', lon2],
  ] as const) {
    if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  }
  if (Math.abs(lat1) > 90 || Math.abs(lat2) > 90) {
    throw new RangeError(`latitudes must lie in [-90, 90], got ${lat1} and ${lat2}`);
  }

  // WGS84 defining parameters.
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);

  const rad = Math.PI / 180;
  // Difference in longitude, reduced to (-pi, pi] so that the antimeridian is crossed the short way.
  let L = ((lon2 - lon1) * rad) % (2 * Math.PI);
  if (L > Math.PI) L -= 2 * Math.PI;
  else if (L <= -Math.PI) L += 2 * Math.PI;

  // Reduced (parametric) latitudes: tan U = (1 - f) tan phi, taken as sin/cos to stay exact at the poles.
  const reduced = (latDeg: number): [number, number] => {
    // At a pole cos(phi) must be exactly 0 (Math.cos gives 6e-17), so that all longitudes coincide.
    if (Math.abs(latDeg) === 90) return [Math.sign(latDeg), 0];
    const phi = latDeg * rad;
    const y = (1 - f) * Math.sin(phi);
    const x = Math.cos(phi);
    const h = Math.hypot(x, y);
    return [y / h, x / h];
  };
  const [sinU1, cosU1] = reduced(lat1);
  const [sinU2, cosU2] = reduced(lat2);

  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 1;
  let sigma = 0;
  let cosSqAlpha = 1;
  let cos2SigmaM = 0;
  let converged = false;

  for (let iteration = 0; iteration < 1000; iteration++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    // Coincident points (sigma = 0). An exact antipode on a meridian (sigma = pi) falls through
    // with sin(alpha) = 0, i.e. half a meridian.
    if (sinSigma === 0 && cosSigma > 0) return 0;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = sinSigma === 0 ? 0 : (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // On the equator cos^2(alpha) = 0 and the term is taken as 0 (Vincenty's note).
    cos2SigmaM = cosSqAlpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha;
    const C = (f / 16) * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha));
    const previous = lambda;
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-14) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    throw new Error(`Vincenty inverse did not converge for (${lat1}, ${lon1}) -> (${lat2}, ${lon2}); the points are nearly antipodal`);
  }

  const uSq = (cosSqAlpha * (a * a - b * b)) / (b * b);
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const cos2SigmaMSq = cos2SigmaM * cos2SigmaM;
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaMSq) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaMSq)));

  return b * A * (sigma - deltaSigma);
}
