import { createRecoveryService } from '../../src/ops/recovery-service';
import type { AppSettings } from '../../src/app/app-settings';
import { createServerDatabase } from '../../src/store/server-database';
import { createApp } from '../../src/app/create-app';
import type { App, AppDeps } from '../../src/app/create-app';
import { localDatabaseOver } from '../../src/app/local-database';
import type { LocalDatabase } from '../../src/app/open-app';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgExecutor } from '../../src/store/pg-executor';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import type { OperationsStore } from '../../src/ops/operations-port';
import { NO_DEADLINE } from '../../src/shared/deadline';
import type { SiteId } from '../../src/shared/site';
import { createOperationsStore } from '../../src/store/operations-store';
import { createSiteRpc } from '../../src/store/site-rpc';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';

export interface TestDatabase extends LocalDatabase {
  /** The server database's connection string (undefined: embedded), for tests that open connections of their own. */
  readonly url: string | undefined;
  /** An app over this database: its own telemetry outbox unless one is given. */
  app(options?: Partial<Omit<AppDeps, 'rpc' | 'settings'>> & { settings?: Partial<AppSettings> }): App;
  /** The operations port of a site, for tests of the backup and restore steps below the recovery service. */
  operationsStore(site: SiteId): OperationsStore;
  /** Empties every table between tests (the schema and functions stay). */
  reset(): Promise<void>;
}

export const TEST_SETTINGS: AppSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  canonicalEventQuery: 'HDC Auto',
  environment: 'test',
  parentPageId: undefined,
};

/** Every table a site's data lives in, as the database says (db/functions/recovery/hdc_site_tables.sql). */
export const SITE_TABLES_QUERY = `select name from hdc_site_tables() as t(name)`;

/** A database of its own on the server at `serverUrl`, dropped by `drop()`. */
export const createServerTestDatabase = (serverUrl: string) => createServerDatabase(serverUrl, 'hdc_test');

/**
 * A real Postgres with the real migrations applied: embedded PGlite in memory, or a database of
 * its own on the server at `serverUrl`, dropped on close.
 */
export async function openTestDatabase(serverUrl?: string): Promise<TestDatabase> {
  const server = serverUrl === undefined ? undefined : await createServerTestDatabase(serverUrl);
  const sql = server === undefined ? await openPgliteExecutor() : openPgExecutor(server.url);
  await runMigrations(sql);
  const database = localDatabaseOver(sql);
  return {
    ...database,
    url: server?.url,
    async close() {
      await database.close();
      await server?.drop();
    },
    app: ({ settings, ...options } = {}) =>
      createApp({
        rpc: database.rpc,
        log: () => undefined,
        recovery: createRecoveryService,
        ...options,
        settings: { ...TEST_SETTINGS, ...settings },
      }),
    operationsStore: (site) =>
      createOperationsStore(createSiteRpc(database.rpc, new TelemetryOutbox(), { site, deadline: NO_DEADLINE })),
    reset: async () => {
      const tables = await sql.query<{ name: string }>(SITE_TABLES_QUERY);
      await sql.exec(`truncate ${tables.map((table) => table.name).join(', ')} restart identity cascade`);
    },
  };
}
