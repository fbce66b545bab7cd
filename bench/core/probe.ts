/**
 * One cycle of a load plan sent with `fetch` before the load: proves that the requests are valid
 * SCIM (2xx and a body the scenario's check accepts) and says what one request costs unloaded,
 * so that a scenario whose requests cannot finish within autocannon's timeout is reported as
 * such instead of being run into a storm of timeouts.
 */
import { performance } from 'node:perf_hooks';
import type { LoadPlan } from './types.js';

const PROBE_TIMEOUT_MS = 120_000;

export interface ProbeResult {
  msPerRequest: number;
  failure?: string;
}

export async function probeCycle(plan: LoadPlan, origin: string, token: string): Promise<ProbeResult> {
  const context: object = {};
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/scim+json',
    'content-type': 'application/scim+json',
  };
  let elapsed = 0;
  for (const [step, template] of plan.requests.entries()) {
    const base = { method: 'GET' as const, path: '/', ...template, headers: { ...headers, ...template.headers } };
    const request =
      template.setupRequest === undefined || typeof template.setupRequest === 'string'
        ? base
        : template.setupRequest(base, context);
    const body = request.body === undefined ? undefined : request.body.toString();
    const started = performance.now();
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${origin}${request.path ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: { ...headers, ...request.headers } as Record<string, string>,
        ...(body === undefined || body === '' ? {} : { body }),
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return { msPerRequest: Number.NaN, failure: `${request.method} ${request.path}: ${String(error)}` };
    }
    elapsed += performance.now() - started;
    if (status < 200 || status > 299) {
      return {
        msPerRequest: elapsed / (step + 1),
        failure: `${request.method} ${request.path} → ${status}: ${text.slice(0, 300)}`,
      };
    }
    const problem = plan.check?.(step, status, text);
    if (problem !== undefined) {
      return { msPerRequest: elapsed / (step + 1), failure: `${request.method} ${request.path}: ${problem}` };
    }
  }
  return { msPerRequest: elapsed / Math.max(1, plan.requests.length) };
}
