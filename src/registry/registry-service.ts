import type { RegistryPage } from '../contract/results';
import { isRateLimited, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { RegistryKey, RegistryStore } from '../store/registry-store';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import { decodeRegistryCursor, encodeRegistryCursor } from './registry-cursor';

export interface RegistryServiceDeps {
  store: RegistryStore;
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

/** Events under a parent page, one query per page; every lookup is one registry_lookup record. */
export function createRegistryService(deps: RegistryServiceDeps): RegistryService {
  function afterKeyOf(request: RegistryRequest): RegistryKey | null {
    try {
      return request.cursor === undefined ? null : decodeRegistryCursor(request.cursor);
    } catch (error) {
      deps.telemetry.refused('registry_lookup', { parentPageId: request.parentPageId, errorCode: toAppError(error).code });
      throw error;
    }
  }

  return {
    async list(request) {
      const { parentPageId, limit, nameContains } = request;
      const after = afterKeyOf(request);
      const call = deps.telemetry.begin('registry_lookup');
      const result = await timed(deps.clock, () =>
        deps.store.listRegistry({ parentPageId, after, limit, nameContains, now: deps.clock.now(), telemetry: call }),
      );
      const error = result.ok ? undefined : toAppError(result.error);
      deps.telemetry.end(call, {
        outcome: result.ok ? 'success' : 'error',
        durationMs: result.durationMs,
        attributes: result.ok
          ? { rowCount: result.value.events.length, parentPageId }
          : { errorCode: error?.code, parentPageId, ...(error && isRateLimited(error) ? { rateLimited: true } : {}) },
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
