import { createHash, timingSafeEqual } from 'node:crypto';
import { toAppError } from '../shared/app-error';
import type { HealthStore } from '../store/health-store';

export interface HealthReply {
  status: 'ready' | 'not_ready';
  database: 'ok' | 'unreachable';
  schemaVersion: number | null;
  checkedAt: string;
  errorCode?: string;
}

/** Readiness: a real round trip to the database, reporting the migrated schema version. */
export async function checkReadiness(store: HealthStore, now: () => Date = () => new Date()): Promise<HealthReply> {
  try {
    const health = await store.health();
    return { status: 'ready', database: 'ok', schemaVersion: health.schemaVersion, checkedAt: health.checkedAt };
  } catch (error) {
    return {
      status: 'not_ready',
      database: 'unreachable',
      schemaVersion: null,
      checkedAt: now().toISOString(),
      errorCode: toAppError(error).code,
    };
  }
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
