import type { RetryPolicy } from './retry-delay';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, retryDelayMs } from './retry-delay';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface RetryingFetchOptions {
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * fetch with a timeout per attempt and bounded retries on 429/5xx and network errors, honouring
 * Retry-After. Used for every external call (Supabase, Confluence). A caller's own abort is final.
 */
export function createRetryingFetch(fetchImpl: FetchLike, options: RetryingFetchOptions = {}): FetchLike {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? defaultSleep;
  return async (input, init = {}) => {
    for (let attempt = 1; ; attempt += 1) {
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const isLast = attempt >= policy.attempts;
      let response: Response;
      try {
        response = await fetchImpl(input, { ...init, signal });
      } catch (error) {
        if (init.signal?.aborted || isLast) throw error;
        await sleep(retryDelayMs(attempt, null, policy, options.random) ?? 0);
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status) || isLast) return response;
      const delay = retryDelayMs(attempt, response.headers.get('retry-after'), policy, options.random);
      if (delay === undefined) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay);
    }
  };
}
