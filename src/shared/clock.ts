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
