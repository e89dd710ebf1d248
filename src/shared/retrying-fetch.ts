import type { Deadline } from './deadline';
import { DeadlineExceededError, MIN_ATTEMPT_MS, NO_DEADLINE } from './deadline';
import type { RetryPolicy } from './retry-delay';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, retryDelayMs } from './retry-delay';

/** fetch, or anything shaped like it: Forge's requestConfluence takes a Route instead of a URL. */
export type FetchLike<I = string | URL | Request> = (input: I, init?: RequestInit) => Promise<Response>;

/** What the retries saw, for the caller's error when the call fails. */
export interface FetchAttempts {
  /** An attempt may have been processed by the server (timeout, dropped connection, 5xx). */
  mayHaveReachedServer: boolean;
  /** The deadline, not the server, ended the attempts. */
  stoppedByDeadline: boolean;
}

export interface RetryingFetchOptions {
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Every attempt and every wait fits in what is left of it. */
  deadline?: Deadline;
  /**
   * Whether a request the server may already have processed may be sent again: true for reads and
   * for writes that carry an idempotency key. A 429 is always retried: it was not processed.
   */
  retryAmbiguous?: boolean;
  /** Filled in as the attempts go. */
  attempts?: FetchAttempts;
  /**
   * A response with a retryable status that is nevertheless the answer (for PostgREST: a 500 that
   * carries the statement timeout: sending the same work again times out again). Reads a clone.
   */
  isFinal?: (response: Response) => Promise<boolean>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * fetch with a timeout per attempt and bounded retries on 429/5xx and network errors, honouring
 * Retry-After, all inside the deadline. Used for every external call (Supabase, Confluence). A
 * caller's own abort is final. When the retries stop, the last response (or error) is the answer.
 */
export function createRetryingFetch<I = string | URL | Request>(
  fetchImpl: FetchLike<I>,
  options: RetryingFetchOptions = {},
): FetchLike<I> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = options.deadline ?? NO_DEADLINE;
  const retryAmbiguous = options.retryAmbiguous ?? true;
  const attempts = options.attempts ?? { mayHaveReachedServer: false, stoppedByDeadline: false };
  /** Whether there is time to wait `delayMs` and still make an attempt worth making. */
  const timeFor = (delayMs: number) => {
    const enough = delayMs + MIN_ATTEMPT_MS <= deadline.remainingMs();
    if (!enough) attempts.stoppedByDeadline = true;
    return enough;
  };
  return async (input, init = {}) => {
    for (let attempt = 1; ; attempt += 1) {
      if (!timeFor(0)) throw new DeadlineExceededError();
      const timeout = AbortSignal.timeout(Math.floor(Math.min(policy.timeoutMs, deadline.remainingMs())));
      const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      const isLast = attempt >= policy.attempts;
      let response: Response;
      try {
        response = await fetchImpl(input, { ...init, signal });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        attempts.mayHaveReachedServer = true;
        if (timeout.aborted && deadline.remainingMs() < MIN_ATTEMPT_MS) attempts.stoppedByDeadline = true;
        const delay = retryDelayMs(attempt, null, policy, options.random) ?? 0;
        if (isLast || !retryAmbiguous || !timeFor(delay)) throw error;
        await sleep(delay);
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status)) return response;
      if (response.status !== 429) attempts.mayHaveReachedServer = true;
      if (options.isFinal) {
        const copy = response.clone();
        if (await options.isFinal(copy).catch(() => false)) return response;
        // Not awaited: a tee's branch settles its cancel only once the other branch is done too.
        void copy.body?.cancel().catch(() => undefined);
      }
      if (isLast || (response.status !== 429 && !retryAmbiguous)) return response;
      const delay = retryDelayMs(attempt, response.headers.get('retry-after'), policy, options.random);
      if (delay === undefined || !timeFor(delay)) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(delay);
    }
  };
}
