import type { AppSettings } from '../../src/app/app-settings';
import { createApp } from '../../src/app/create-app';
import type { App, AppDeps } from '../../src/app/create-app';
import { localDatabaseOver } from '../../src/app/local-database';
import type { LocalDatabase } from '../../src/app/open-app';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgExecutor } from '../../src/store/pg-executor';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';

export interface TestDatabase extends LocalDatabase {
  /** An app over this database: its own telemetry outbox unless one is given. */
  app(options?: Partial<Omit<AppDeps, 'rpc' | 'settings'>> & { settings?: Partial<AppSettings> }): App;
  /** Empties every table between tests (the schema and functions stay). */
  reset(): Promise<void>;
}

export const TEST_SETTINGS: AppSettings = {
  thresholds: DEFAULT_THRESHOLDS,
  canonicalEventQuery: 'HDC Auto',
  environment: 'test',
  parentPageId: undefined,
};

/** Every table a site's data lives in: the migrations' tables, not the runner's ledgers. */
export const SITE_TABLES_QUERY = `select table_name as name from information_schema.columns
  where table_schema = current_schema() and column_name = 'site_id' order by table_name`;

/**
 * A real Postgres with the real migrations applied: embedded PGlite in memory, or the server at
 * `serverUrl` (its public schema is emptied first, so the migrations run from the start).
 */
export async function openTestDatabase(serverUrl?: string): Promise<TestDatabase> {
  const sql = serverUrl === undefined ? await openPgliteExecutor() : openPgExecutor(serverUrl);
  if (serverUrl !== undefined) await sql.exec('drop schema if exists public cascade; create schema public');
  await runMigrations(sql);
  const database = localDatabaseOver(sql);
  return {
    ...database,
    app: ({ settings, ...options } = {}) =>
      createApp({ rpc: database.rpc, log: () => undefined, ...options, settings: { ...TEST_SETTINGS, ...settings } }),
    reset: async () => {
      const tables = await sql.query<{ name: string }>(SITE_TABLES_QUERY);
      await sql.exec(`truncate ${tables.map((table) => table.name).join(', ')} restart identity cascade`);
    },
  };
}
