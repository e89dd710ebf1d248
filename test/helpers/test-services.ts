import type { App, AppServices } from '../../src/app/create-app';
import type { SiteId } from '../../src/shared/site';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { TEST_SITE } from './test-sites';

export interface ServicesOnTestDatabase {
  readonly db: TestDatabase;
  readonly app: App;
  readonly outbox: TelemetryOutbox;
  /** The services of TEST_SITE. */
  readonly services: AppServices;
  /** The services of another site, over the same database and app. */
  servicesOf(site: SiteId): AppServices;
}

/**
 * Registers the jest hooks for a suite: one migrated database per file (PGlite, or the server at
 * serverUrl), emptied (telemetry outbox included) before each test, and the real services over it.
 */
export function useServicesOnTestDatabase(
  log: (line: string) => void = () => undefined,
  serverUrl?: string,
): ServicesOnTestDatabase {
  let db: TestDatabase | undefined;
  let app: App | undefined;
  const outbox = new TelemetryOutbox();
  beforeAll(async () => {
    db = await openTestDatabase(serverUrl);
    app = db.app({ log, outbox });
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db!.reset();
    outbox.take(TEST_SITE);
  });
  return {
    get db() {
      return db!;
    },
    get app() {
      return app!;
    },
    outbox,
    get services() {
      return app!.servicesFor({ site: TEST_SITE });
    },
    servicesOf: (site) => app!.servicesFor({ site }),
  };
}
