import { createHash, timingSafeEqual } from 'node:crypto';
import type { HealthReport } from '../contract/operations';
import type { ConfluencePort } from '../confluence/confluence-port';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { HealthStore } from './health-port';
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

/**
 * Readiness: a real database round trip (schema version, scheduled runs, newest backup) and a
 * cheap authenticated Confluence call (the operations the app may do on the HDC parent page),
 * measured, then judged by health-rules.ts. Never throws: a failing dependency is a failing check.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<HealthReport> {
  const health = await timed(deps.clock, () => deps.store.health());
  const database: ReadinessObservation['database'] = health.ok
    ? { ok: true, figures: health.value, roundTripMs: health.durationMs }
    : { ok: false, errorCode: toAppError(health.error).code };
  const confluence = await observeConfluence(deps.confluence, deps.clock);
  return judgeReadiness({ now: deps.clock.now(), database, confluence, recovery: deps.recovery });
}

/** The Confluence check: one authenticated call, timed; null when there is no Confluence to ask. */
export async function observeConfluence(
  target: ReadinessDeps['confluence'],
  clock: Clock,
): Promise<ReadinessObservation['confluence']> {
  if (target === null) return null;
  const call = await timed(clock, () => target.port.permittedOperations(target.pageId));
  return call.ok ? { ok: true, roundTripMs: call.durationMs } : { ok: false, errorCode: toAppError(call.error).code };
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
