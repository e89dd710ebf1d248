import { z } from 'zod';
import type { SiteRpc } from './site-rpc';

export interface DatabaseHealth {
  database: 'ok';
  schemaVersion: number | null;
  checkedAt: string;
}

/** The health port: a real round trip to the database. */
export interface HealthStore {
  health(): Promise<DatabaseHealth>;
}

const HealthSchema = z.object({ database: z.literal('ok'), schemaVersion: z.number().int().nullable(), checkedAt: z.string() });

export function createHealthStore(rpc: SiteRpc): HealthStore {
  return { health: () => rpc.call('hdc_health', {}, HealthSchema) };
}
