export interface Clock {
  /** Wall-clock time, for timestamps. */
  now(): Date;
  /** Monotonic milliseconds, for durations. */
  monotonicMs(): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

/** A clock that reads `start` at its creation and then moves on in real time (demos and tests at a chosen hour). */
export function runningClockFrom(start: Date): Clock {
  const origin = performance.now();
  return {
    now: () => new Date(start.getTime() + (performance.now() - origin)),
    monotonicMs: () => performance.now(),
  };
}
