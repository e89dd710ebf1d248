import type { App, AppServices } from '../../src/app/create-app';
import type { AppSettings } from '../../src/app/app-settings';
import type { Envelope } from '../../src/contract/envelope';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import type { SiteId } from '../../src/shared/site';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';
import { TEST_SITE } from './test-sites';

export interface ResolversOnTestDatabase {
  readonly db: TestDatabase;
  readonly app: App;
  /** The services of TEST_SITE, for setting up what a test then calls through the resolvers. */
  readonly services: AppServices;
  /**
   * Calls a resolver key as Forge does: `accountId` is the invocation principal, `site` the
   * installation (null: an invocation without installContext), `context` the extension context.
   */
  invoke<T = unknown>(
    functionKey: string,
    payload: unknown,
    accountId?: string,
    context?: object,
    site?: SiteId | null,
  ): Promise<Envelope<T>>;
}

/**
 * Registers the jest hooks: one migrated database per file (PGlite, or a database of its own on the
 * server at `serverUrl`), emptied before each test, and the real resolver definitions over it.
 */
export function useResolversOnTestDatabase(
  settings?: Partial<AppSettings>,
  serverUrl?: string,
): ResolversOnTestDatabase {
  let db: TestDatabase | undefined;
  let app: App | undefined;
  let handler: ReturnType<typeof buildResolverDefinitions> | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(serverUrl);
    const built = db.app(settings === undefined ? {} : { settings });
    app = built;
    handler = buildResolverDefinitions({ app: async () => built, logError: () => undefined });
  });
  afterAll(() => db?.close());
  beforeEach(() => db!.reset());
  return {
    get db() {
      return db!;
    },
    get app() {
      return app!;
    },
    get services() {
      return app!.servicesFor({ site: TEST_SITE });
    },
    async invoke<T>(
      functionKey: string,
      payload: unknown,
      accountId?: string,
      context: object = {},
      site: SiteId | null = TEST_SITE,
    ) {
      const runtime = {
        ...(accountId ? { principal: { accountId } } : {}),
        ...(site === null ? {} : { installContext: site }),
      };
      return (await handler!({ call: { functionKey, payload }, context }, runtime as never)) as Envelope<T>;
    },
  };
}
