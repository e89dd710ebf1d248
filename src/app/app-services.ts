import { createRegistryService } from '../registry/registry-service';
import type { RegistryService } from '../registry/registry-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Store } from '../store/store';
import { createSyncService } from '../sync/sync-service';
import type { SyncService } from '../sync/sync-service';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { createTelemetryRecorder } from '../telemetry/telemetry-recorder';

export interface AppServices {
  registry: RegistryService;
  sync: SyncService;
  store: Store;
}

export interface AppServicesDeps {
  store: Store;
  outbox: TelemetryOutbox;
  clock?: Clock;
  log?: (line: string) => void;
}

/** Composition root shared by the Forge resolvers, the CLI, the bench and the tests. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const clock = deps.clock ?? systemClock;
  const telemetry = createTelemetryRecorder({ outbox: deps.outbox, clock, ...(deps.log ? { log: deps.log } : {}) });
  return {
    registry: createRegistryService({ store: deps.store, telemetry, clock }),
    sync: createSyncService({ store: deps.store, telemetry, clock }),
    store: deps.store,
  };
}
