import { driveSteps } from '../../src/cleanup/chunked-steps';
import { DEMO_CONFLUENCE_ACCOUNTS } from '../../dev/local-confluence/demo-confluence-pages';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { createLocalJobQueue } from '../../dev/local-job-queue';
import { localConfluenceAccess, openLocalConfluenceSite } from '../../dev/start-local-host';
import { buildCleanupJobConsumer } from '../../src/forge/cleanup-job-consumer';
import type { AppServices } from '../../src/app/create-app';
import { createDatabaseAdmin } from '../../src/app/database-admin';
import type { CleanupProgress } from '../../src/contract/cleanup';
import { DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { NO_DEADLINE } from '../../src/shared/deadline';
import type { Deadline } from '../../src/shared/deadline';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { TEST_SITE } from './test-sites';

type CleanupFixture = Awaited<ReturnType<typeof openCleanupFixture>>;

/** The demo HDC in a test database, beside the demo's local Confluence served over HTTP. */
export async function openCleanupFixture(
  db: TestDatabase,
  options: { rateLimitShare?: number; latencyMs?: number; stepMs?: number } = {},
) {
  await createDatabaseAdmin(db.sql).seedDemo(TEST_SITE);
  const site = openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID);
  const { stepMs: _stepMs, ...served } = options;
  const confluence = await serveLocalConfluence(site, {
    accounts: DEMO_CONFLUENCE_ACCOUNTS,
    retryAfterSeconds: 0,
    ...served,
  });
  // Forge's queue, emulated: events wait until the test drains them through the real consumer.
  const queue = createLocalJobQueue({ site: TEST_SITE, autoRun: false });
  const app = db.app({
    confluence: localConfluenceAccess(() => confluence.url),
    settings: { parentPageId: DEMO_PARENT_PAGE_ID },
    jobQueue: queue,
  });
  queue.connect(
    buildCleanupJobConsumer({
      app: () => Promise.resolve(app),
      log: () => undefined,
      ...(options.stepMs === undefined ? {} : { stepMs: options.stepMs }),
    }),
  );
  const services = (deadline: Deadline = NO_DEADLINE): AppServices => app.servicesFor({ site: TEST_SITE, deadline });
  return { confluence, site, services, queue, close: () => confluence.close() };
}

/** Calls a chunked cleanup step until it is done, as the macro and the CLI do. */
export async function untilDone<T>(step: () => Promise<CleanupProgress<T>>): Promise<{ result: T; calls: number }> {
  const { last, calls } = await driveSteps(step);
  return { result: last.result, calls };
}

/**
 * Registers the jest hooks for a cleanup suite: one test database per file (the PostgreSQL server when
 * HDC_TEST_DATABASE_URL is set), emptied before each test with the demo and its local Confluence anew.
 */
export function useCleanupFixture(
  options: Parameters<typeof openCleanupFixture>[1] = {},
  prepare: (db: TestDatabase) => Promise<void> = () => Promise.resolve(),
) {
  let db: TestDatabase | undefined;
  let fixture: CleanupFixture | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db!.reset();
    fixture = await openCleanupFixture(db!, options);
    await prepare(db!);
  });
  afterEach(() => fixture?.close());
  return {
    get db() {
      return db!;
    },
    get fixture() {
      return fixture!;
    },
  };
}
