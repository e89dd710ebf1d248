import type { RegistryPage } from '../contract/results';
import { isRateLimited, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { Store } from '../store/store';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import { decodeRegistryCursor, encodeRegistryCursor } from './registry-cursor';

export interface RegistryServiceDeps {
  store: Store;
  telemetry: TelemetryRecorder;
  clock: Clock;
}

export interface RegistryRequest {
  parentPageId: string;
  cursor?: string | undefined;
  limit: number;
  nameContains?: string | undefined;
}

export interface RegistryService {
  list(request: RegistryRequest): Promise<RegistryPage>;
}

/** Events under a parent page, one query per page; every lookup emits one registry_lookup record. */
export function createRegistryService(deps: RegistryServiceDeps): RegistryService {
  return {
    async list({ parentPageId, cursor, limit, nameContains }) {
      const result = await timed(deps.clock, async () => {
        const after = cursor === undefined ? null : decodeRegistryCursor(cursor);
        return deps.store.listRegistry({ parentPageId, after, limit, nameContains, now: deps.clock.now() });
      });
      deps.telemetry.record({
        metric: 'registry_lookup',
        outcome: result.ok ? 'success' : 'error',
        durationMs: result.durationMs,
        attributes: result.ok
          ? { rowCount: result.value.events.length, parentPageId }
          : { errorCode: toAppError(result.error).code, parentPageId, ...(isRateLimited(toAppError(result.error)) ? { rateLimited: true } : {}) },
      });
      if (!result.ok) throw result.error;
      return {
        parentPageId,
        events: result.value.events,
        nextCursor: result.value.nextKey === null ? null : encodeRegistryCursor(result.value.nextKey),
      };
    },
  };
}
