import fc from 'fast-check';
import type { FuzzModel } from './requests';
import { fuzzRequest } from './requests';
import { failureSignature, Outcome, probe, ServerLogCapture } from './runner';

export interface FailureClass {
  signature: string;
  /** How many generated requests failed this way. */
  count: number;
  /** The smallest request fast-check's shrinking found that still fails this way. */
  minimal: Outcome;
  shrinks: number;
}

export interface CampaignResult {
  /** Every request sent, including the ones shrinking sent. */
  requests: number;
  generated: number;
  byStatusClass: Record<string, number>;
  serverErrors: number;
  timeouts: number;
  failures: FailureClass[];
  seeds: number[];
}

export interface CampaignOptions {
  baseUrl: string;
  model: FuzzModel;
  log?: ServerLogCapture;
  /** Generated requests (shrinking comes on top). */
  requests: number;
  seed: number;
  timeoutMs?: number;
  /** Requests one minimisation may spend. */
  shrinkBudget?: number;
  onProgress?: (result: CampaignResult) => void;
}

const statusClass = (outcome: Outcome) =>
  outcome.response.timedOut ? 'timeout' : outcome.response.status === 0 ? 'no response' : `${Math.floor(outcome.response.status / 100)}xx`;

/**
 * Runs the property until `requests` requests were generated, without
 * stopping at the first failure: each new class of failure is shrunk by
 * fast-check (within a budget) and recorded, then the run goes on with the
 * next seed, counting further hits of known classes.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { baseUrl, model, log, timeoutMs, shrinkBudget = 150 } = options;
  const result: CampaignResult = { requests: 0, generated: 0, byStatusClass: {}, serverErrors: 0, timeouts: 0, failures: [], seeds: [] };
  const known = new Map<string, FailureClass>();
  const arbitrary = fuzzRequest(model);
  let seed = options.seed;

  while (result.generated < options.requests) {
    let target: string | null = null; // the new failure class this round is shrinking
    let shrinkRequests = 0;
    let firstHit: Outcome | null = null;
    const property = fc.asyncProperty(arbitrary, async (request) => {
      if (target !== null && ++shrinkRequests > shrinkBudget) return true; // budget spent: end shrinking quickly
      const outcome = await probe(baseUrl, request, log, timeoutMs);
      result.requests++;
      if (target === null) {
        result.generated++;
        result.byStatusClass[statusClass(outcome)] = (result.byStatusClass[statusClass(outcome)] ?? 0) + 1;
        if (outcome.response.status >= 500) result.serverErrors++;
        if (outcome.response.timedOut) result.timeouts++;
        if (result.generated % 500 === 0) options.onProgress?.(result);
      }
      if (!outcome.violation) return true;
      const signature = failureSignature(outcome);
      const existing = known.get(signature);
      if (target === null && existing) {
        existing.count++;
        return true;
      }
      if (target === null) {
        target = signature;
        firstHit = outcome;
        return false;
      }
      if (signature !== target) return true; // shrinking stays on one failure class
      firstHit = outcome; // the latest failing candidate is the smallest so far
      return false;
    });
    result.seeds.push(seed);
    const details = await fc.check(property, { seed, numRuns: options.requests - result.generated });
    if (!details.failed || target === null || firstHit === null) break;
    known.set(target, { signature: target, count: 1, minimal: firstHit, shrinks: details.numShrinks });
    result.failures = [...known.values()];
    seed++;
  }
  return result;
}
