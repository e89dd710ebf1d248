import type { DatabaseHealth } from '../contract/operations';

/** The health port: a real round trip to the database, with what it knows of its own operations. */
export interface HealthStore {
  health(): Promise<DatabaseHealth>;
}
