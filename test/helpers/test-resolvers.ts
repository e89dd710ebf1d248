import { createAppServices } from '../../src/app/app-services';
import type { Envelope } from '../../src/contract/envelope';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { openTestDatabase } from './test-database';
import type { TestDatabase } from './test-database';

export interface ResolversOnTestDatabase {
  readonly db: TestDatabase;
  /** Calls a resolver key as Forge does: `accountId` is the invocation principal, `context` the extension context. */
  invoke<T = unknown>(functionKey: string, payload: unknown, accountId?: string, context?: object): Promise<Envelope<T>>;
}

/** Registers the jest hooks: one migrated PGlite per file, emptied before each test, and the real resolver definitions over it. */
export function useResolversOnTestDatabase(): ResolversOnTestDatabase {
  let db: TestDatabase | undefined;
  let handler: ReturnType<typeof buildResolverDefinitions> | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    const services = createAppServices({ store: db.store, outbox: db.outbox, log: () => undefined });
    handler = buildResolverDefinitions({ services: async () => services, logError: () => undefined });
  });
  afterAll(() => db?.close());
  beforeEach(() => db!.reset());
  return {
    get db() {
      return db!;
    },
    async invoke<T>(functionKey: string, payload: unknown, accountId?: string, context: object = {}) {
      const principal = accountId ? { principal: { accountId } } : {};
      return (await handler!({ call: { functionKey, payload }, context }, principal as never)) as Envelope<T>;
    },
  };
}
