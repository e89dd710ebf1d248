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

const TABLES = [
  'idempotent_reply', 'weekly_report', 'scheduled_run', 'ops_audit_log', 'hdc_operator', 'telemetry_event', 'event_audit_log',
  'event_sync_state', 'library_hack', 'hack', 'event_admin', 'event', 'users',
];

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
    reset: () => sql.exec(`truncate ${TABLES.join(', ')} restart identity cascade`),
  };
}
