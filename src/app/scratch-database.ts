import { createRecoveryService } from '../ops/recovery-service';
import type { ScratchDatabase } from '../ops/recovery-drill';
import { AppError } from '../shared/app-error';
import type { SiteId } from '../shared/site';
import { runMigrations } from '../store/migration-runner';
import { openPgExecutor } from '../store/pg-executor';
import { createServerDatabase } from '../store/server-database';
import { openPgliteExecutor } from '../store/pglite-executor';
import type { SqlExecutor } from '../store/sql-executor';
import type { AppSettings } from './app-settings';
import { createApp } from './create-app';
import { localDatabaseOver } from './local-database';
import type { LocalStoreSelection } from './open-app';

function scratchOver(
  sql: SqlExecutor,
  site: SiteId,
  settings: AppSettings,
  description: string,
  drop: () => Promise<void>,
): ScratchDatabase {
  const local = localDatabaseOver(sql);
  const services = createApp({
    rpc: local.rpc,
    settings,
    log: () => undefined,
    recovery: createRecoveryService,
  }).servicesFor({ site });
  return {
    description,
    services,
    prepare: async () => {
      await runMigrations(sql);
    },
    close: async () => {
      await sql.close();
      await drop();
    },
  };
}

/**
 * Where a drill restores: a scratch database on the same Postgres server when the live one is a
 * server (created and dropped by the drill: the role needs CREATEDB), else a fresh in-memory
 * embedded database (also the scratch of a drill against Supabase: the same SQL runs on both).
 */
export async function openScratchDatabase(
  live: LocalStoreSelection | { kind: 'supabase' },
  site: SiteId,
  settings: AppSettings,
): Promise<ScratchDatabase> {
  if (live.kind !== 'postgres') {
    return scratchOver(
      await openPgliteExecutor(),
      site,
      settings,
      'a fresh embedded database (PGlite, in memory)',
      () => Promise.resolve(),
    );
  }
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  try {
    server = await createServerDatabase(live.connectionString, 'hdc_drill');
  } catch (error) {
    throw new AppError('unavailable', `Could not create the drill's scratch database: ${(error as Error).message}`, {
      guidance:
        'Give the DATABASE_URL role CREATEDB (alter role … createdb), or run the drill with HDC_DATA_DIR to restore into an embedded database.',
      cause: error,
      retryable: false,
    });
  }
  const name = new URL(server.url).pathname.slice(1);
  return scratchOver(
    openPgExecutor(server.url),
    site,
    settings,
    `database ${name} on the same server (dropped afterwards)`,
    () => server.drop(),
  );
}
