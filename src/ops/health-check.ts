import { createHash, timingSafeEqual } from 'node:crypto';
import type { HealthReport } from '../contract/operations';
import type { ConfluencePort } from '../confluence/confluence-port';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { HealthStore } from '../store/health-store';
import type { Thresholds } from '../verification/thresholds';
import type { ReadinessObservation } from './health-rules';
import { judgeReadiness } from './health-rules';

export interface ReadinessDeps {
  store: HealthStore;
  /** Confluence as the app, with the page to ask about; null when this edge has none. */
  confluence: { port: ConfluencePort; pageId: string } | null;
  recovery: Thresholds['recovery'];
  clock: Clock;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/**
 * Readiness: a real database round trip (schema version, scheduled runs, newest backup) and a
 * cheap authenticated Confluence call (the operations the app may do on the HDC parent page),
 * measured, then judged by health-rules.ts. Never throws: a failing dependency is a failing check.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<HealthReport> {
  const database: ReadinessObservation['database'] = await timed(() => deps.store.health()).then(
    ({ value, ms }) => ({ ok: true as const, figures: value, roundTripMs: ms }),
    (error: unknown) => ({ ok: false as const, errorCode: toAppError(error).code }),
  );
  const confluence = await observeConfluence(deps.confluence);
  return judgeReadiness({ now: deps.clock.now(), database, confluence, recovery: deps.recovery });
}

/** The Confluence check: one authenticated call, timed; null when there is no Confluence to ask. */
export async function observeConfluence(target: ReadinessDeps['confluence']): Promise<ReadinessObservation['confluence']> {
  if (target === null) return null;
  return timed(() => target.port.permittedOperations(target.pageId)).then(
    ({ ms }) => ({ ok: true as const, roundTripMs: ms }),
    (error: unknown) => ({ ok: false as const, errorCode: toAppError(error).code }),
  );
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
