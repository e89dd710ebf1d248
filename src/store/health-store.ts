import type { DatabaseHealth } from '../contract/operations';
import { DatabaseHealthSchema } from '../contract/operations';
import type { SiteRpc } from './site-rpc';

/** The health port: a real round trip to the database, with what it knows of its own operations. */
export interface HealthStore {
  health(): Promise<DatabaseHealth>;
}

export function createHealthStore(rpc: SiteRpc): HealthStore {
  return { health: () => rpc.call('hdc_health', {}, DatabaseHealthSchema) };
}
