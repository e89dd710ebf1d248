import type { Clock } from './clock';

export type Timed<T> = { ok: true; value: T; durationMs: number } | { ok: false; error: unknown; durationMs: number };

/** Runs `work` and says how long it took, whether it returned or threw. */
export async function timed<T>(clock: Clock, work: () => Promise<T>): Promise<Timed<T>> {
  const started = clock.monotonicMs();
  try {
    const value = await work();
    return { ok: true, value, durationMs: clock.monotonicMs() - started };
  } catch (error) {
    return { ok: false, error, durationMs: clock.monotonicMs() - started };
  }
}
