import { createAppServices } from '../../src/app/app-services';
import type { AppServices, AppServicesDeps } from '../../src/app/app-services';
import type { Envelope } from '../../src/contract/envelope';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

export interface ResolversOnTestDatabase {
  readonly db: TestDatabase;
  readonly services: AppServices;
  /** Calls a resolver key as Forge does: `accountId` is the invocation principal, `context` the extension context. */
  invoke<T = unknown>(functionKey: string, payload: unknown, accountId?: string, context?: object): Promise<Envelope<T>>;
}

/** Registers the jest hooks: one migrated PGlite per file, emptied before each test, and the real resolver definitions over it. */
export function useResolversOnTestDatabase(verification?: AppServicesDeps['verification']): ResolversOnTestDatabase {
  let db: TestDatabase | undefined;
  let services: AppServices | undefined;
  let handler: ReturnType<typeof buildResolverDefinitions> | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    const built = createAppServices({ store: db.store, outbox: db.outbox, log: () => undefined, verification });
    services = built;
    handler = buildResolverDefinitions({ services: async () => built, logError: () => undefined });
  });
  afterAll(() => db?.close());
  beforeEach(() => db!.reset());
  return {
    get db() {
      return db!;
    },
    get services() {
      return services!;
    },
    async invoke<T>(functionKey: string, payload: unknown, accountId?: string, context: object = {}) {
      const principal = accountId ? { principal: { accountId } } : {};
      return (await handler!({ call: { functionKey, payload }, context }, principal as never)) as Envelope<T>;
    },
  };
}
