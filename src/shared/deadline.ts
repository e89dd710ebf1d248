import type { Clock } from './clock';
import { systemClock } from './clock';

/**
 * The time an invocation may still spend. Every external call and every retry spends only what is
 * left, so a reply leaves before the platform stops the invocation.
 */
export interface Deadline {
  /** Milliseconds left, never negative; Infinity when there is no deadline (CLI, local work). */
  remainingMs(): number;
}

/** The least time worth starting a call or an attempt with. */
export const MIN_ATTEMPT_MS = 250;

/** Thrown instead of starting a call there is no time left for: nothing was sent. */
export class DeadlineExceededError extends Error {
  constructor() {
    super('No time was left for the request');
    this.name = 'DeadlineExceededError';
  }
}

export const NO_DEADLINE: Deadline = { remainingMs: () => Number.POSITIVE_INFINITY };

export function deadlineAfter(ms: number, clock: Clock = systemClock): Deadline {
  const at = clock.monotonicMs() + ms;
  return { remainingMs: () => Math.max(0, at - clock.monotonicMs()) };
}

/** Resolves (never rejects) when the deadline passes; `cancel` stops the timer. */
export function whenDeadlinePasses(deadline: Deadline): { passed: Promise<void>; cancel(): void } {
  const remaining = deadline.remainingMs();
  if (!Number.isFinite(remaining)) return { passed: new Promise<void>(() => undefined), cancel: () => undefined };
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, remaining);
  });
  return { passed, cancel: () => clearTimeout(timer) };
}
