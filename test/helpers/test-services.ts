import { createAppServices } from '../../src/app/app-services';
import type { AppServices } from '../../src/app/app-services';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

export interface ServicesOnTestDatabase {
  readonly db: TestDatabase;
  readonly services: AppServices;
}

/**
 * Registers the jest hooks for a suite: one migrated database per file (PGlite, or the server at serverUrl), emptied (telemetry outbox
 * included) before each test, and the real services over it.
 */
export function useServicesOnTestDatabase(log: (line: string) => void = () => undefined, serverUrl?: string): ServicesOnTestDatabase {
  let db: TestDatabase | undefined;
  let services: AppServices | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(serverUrl);
    services = createAppServices({ store: db.store, outbox: db.outbox, log });
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db!.reset();
    db!.outbox.take();
  });
  return {
    get db() {
      return db!;
    },
    get services() {
      return services!;
    },
  };
}
