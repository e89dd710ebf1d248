export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 8_000 };

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * How long to wait before attempt `attempt + 1`: the server's Retry-After (seconds or an HTTP date)
 * when it gives one, else exponential backoff with full jitter. `undefined` means do not retry:
 * the server asked for longer than we are willing to hold a user's request.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  policy: RetryPolicy,
  random: () => number = Math.random,
  nowMs: number = Date.now(),
): number | undefined {
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const requested = parseRetryAfterMs(retryAfter.trim(), nowMs);
    if (requested !== undefined) return requested <= policy.maxDelayMs ? requested : undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Retry-After is delay-seconds (fractions accepted: "1.5") or an HTTP date. */
function parseRetryAfterMs(value: string, nowMs: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
