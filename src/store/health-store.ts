import { DatabaseHealthSchema } from '../contract/operations';
import type { HealthStore } from '../ops/health-port';
import type { SiteRpc } from './site-rpc';

export function createHealthStore(rpc: SiteRpc): HealthStore {
  return { health: () => rpc.call('hdc_health', {}, DatabaseHealthSchema) };
}
