import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem+json response with our code (and parameter, when given). */
export function expectProblem(res: Response, status: number, code: string, param?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringContaining('/problems/'), title: expect.any(String) });
  expect(typeof res.body.detail).toBe('string');
  if (param) {
    expect(res.body.invalid_params).toEqual(expect.arrayContaining([expect.objectContaining({ name: param })]));
  }
}
