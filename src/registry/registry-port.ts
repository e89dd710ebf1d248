import type { RegistryEvent } from '../contract/results';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';

export interface RegistryKey {
  sortKey: string;
  id: string;
}

interface RegistryQuery {
  parentPageId: string;
  after: RegistryKey | null;
  limit: number;
  nameContains?: string | undefined;
  now: Date;
  /** The lookup's telemetry: the SQL function writes its registry_lookup row under this id. */
  telemetry: TelemetryCall;
}

interface RegistrySlice {
  events: RegistryEvent[];
  /** The key of the last event when more follow, else null. */
  nextKey: RegistryKey | null;
}

/** The registry capability's port: events of the site under a parent page. */
export interface RegistryStore {
  listRegistry(query: RegistryQuery): Promise<RegistrySlice>;
}
