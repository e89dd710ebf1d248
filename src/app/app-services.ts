import { createRegistryService } from '../registry/registry-service';
import type { RegistryService } from '../registry/registry-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Store } from '../store/store';
import { createSyncService } from '../sync/sync-service';
import type { SyncService } from '../sync/sync-service';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { createTelemetryRecorder } from '../telemetry/telemetry-recorder';
import { DEFAULT_THRESHOLDS } from '../verification/default-thresholds';
import { runTelemetrySampler } from '../verification/telemetry-sampler';
import type { SamplerRun } from '../verification/telemetry-sampler';
import { createVerificationService } from '../verification/verification-service';
import type { VerificationService, VerificationSettings } from '../verification/verification-service';

export interface AppServices {
  registry: RegistryService;
  sync: SyncService;
  verification: VerificationService;
  /** One scheduled sampling run (probes, thresholds, pruning); see verification/telemetry-sampler.ts. */
  sampleTelemetry(): Promise<SamplerRun>;
  store: Store;
}

export interface AppServicesDeps {
  store: Store;
  outbox: TelemetryOutbox;
  clock?: Clock;
  log?: (line: string) => void;
  verification?: Partial<VerificationSettings> & { parentPageId?: string | undefined };
}

/** Composition root shared by the Forge resolvers, the CLI, the bench and the tests. */
export function createAppServices(deps: AppServicesDeps): AppServices {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? ((line: string) => console.log(line));
  const telemetry = createTelemetryRecorder({ outbox: deps.outbox, clock, log });
  const probeTelemetry = createTelemetryRecorder({ outbox: deps.outbox, clock, log, source: 'probe' });
  const settings: VerificationSettings = {
    thresholds: deps.verification?.thresholds ?? DEFAULT_THRESHOLDS,
    canonicalEventQuery: deps.verification?.canonicalEventQuery ?? 'HDC Auto',
    environment: deps.verification?.environment ?? 'local',
  };
  const probeRegistry = createRegistryService({ store: deps.store, telemetry: probeTelemetry, clock });
  return {
    registry: createRegistryService({ store: deps.store, telemetry, clock }),
    sync: createSyncService({ store: deps.store, telemetry, clock }),
    verification: createVerificationService({ ...settings, store: deps.store, clock }),
    sampleTelemetry: () =>
      runTelemetrySampler({
        ...settings,
        store: deps.store,
        clock,
        parentPageId: deps.verification?.parentPageId,
        probeRegistry,
        probeTelemetry,
        log,
      }),
    store: deps.store,
  };
}
