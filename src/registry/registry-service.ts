import type { RegistryPage } from '../contract/results';
import { isRateLimited, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { RegistryStore } from './registry-port';
import { callOutcomeOf } from '../telemetry/call-outcome';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import { decodeRegistryCursor, encodeRegistryCursor } from './registry-cursor';

export interface RegistryServiceDeps {
  store: RegistryStore;
  telemetry: TelemetryRecorder;
  clock: Clock;
}

interface RegistryRequest {
  parentPageId: string;
  cursor?: string | undefined;
  limit: number;
  nameContains?: string | undefined;
  /** The person looking (the viewer's account id), for telemetry's count of people; absent for probes. */
  account?: string | undefined;
}

export interface RegistryService {
  list(request: RegistryRequest): Promise<RegistryPage>;
}

/** Events under a parent page, one query per page; every lookup is one registry_lookup record. */
export function createRegistryService(deps: RegistryServiceDeps): RegistryService {
  return {
    async list(request) {
      const { parentPageId, limit, nameContains } = request;
      // A malformed cursor is the caller's mistake: refused before anything is measured or stored.
      const after = request.cursor === undefined ? null : decodeRegistryCursor(request.cursor);
      const call = deps.telemetry.begin('registry_lookup', request.account);
      const result = await timed(deps.clock, () =>
        deps.store.listRegistry({ parentPageId, after, limit, nameContains, now: deps.clock.now(), telemetry: call }),
      );
      const error = result.ok ? undefined : toAppError(result.error);
      deps.telemetry.end(call, {
        outcome: error === undefined ? 'success' : callOutcomeOf(error),
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
