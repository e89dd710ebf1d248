import { runMigrations } from '../../src/store/migration-runner';
import { openSqlStore } from '../../src/store/open-store';
import type { OpenedStore } from '../../src/store/open-store';
import { openPgExecutor } from '../../src/store/pg-executor';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import type { SqlExecutor } from '../../src/store/sql-executor';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';

export interface TestDatabase extends OpenedStore {
  sql: SqlExecutor;
  outbox: TelemetryOutbox;
  /** Empties every table between tests (the schema and functions stay). */
  reset(): Promise<void>;
}

const TABLES = ['weekly_report', 'scheduled_run', 'ops_audit_log', 'hdc_operator', 'telemetry_event', 'event_audit_log', 'event_sync_state', 'library_hack', 'hack', 'event_admin', 'event', 'users'];

/**
 * A real Postgres with the real migrations applied: embedded PGlite in memory, or the server at
 * `serverUrl` (its public schema is emptied first, so the migrations run from the start).
 */
export async function openTestDatabase(serverUrl?: string): Promise<TestDatabase> {
  const sql = serverUrl === undefined ? await openPgliteExecutor() : openPgExecutor(serverUrl);
  if (serverUrl !== undefined) await sql.exec('drop schema if exists public cascade; create schema public');
  await runMigrations(sql);
  const outbox = new TelemetryOutbox();
  const opened = openSqlStore(sql, outbox);
  return {
    ...opened,
    sql,
    outbox,
    reset: () => sql.exec(`truncate ${TABLES.join(', ')} restart identity cascade`),
  };
}
