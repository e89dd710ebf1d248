import { AppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { StoreSelection } from '../shared/config';
import type { FetchLike } from '../shared/retrying-fetch';
import { createPostgrestRpcClient } from '../store/postgrest-rpc-client';
import type { RpcClient } from '../store/rpc-client';
import type { SqlExecutor } from '../store/sql-executor';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import type { AppSettings } from './app-settings';
import type { App, AppDeps } from './create-app';
import { createApp } from './create-app';

/** A database reached over SQL (a Postgres server, or embedded PGlite): local work only. */
export interface LocalDatabase {
  rpc: RpcClient;
  sql: SqlExecutor;
  close(): Promise<void>;
}

export type LocalStoreSelection = Exclude<StoreSelection, { kind: 'supabase' }>;
export type LocalDatabaseOpener = (selection: LocalStoreSelection) => Promise<LocalDatabase>;

export interface OpenAppOptions {
  settings: AppSettings;
  /**
   * How to open a Postgres server or the embedded database (src/app/local-database.ts). The CLI, the
   * local host and the bench pass it; Forge does not, so its bundle never holds pg or PGlite.
   */
  openLocalDatabase?: LocalDatabaseOpener;
  /** The fetch under Supabase calls; the runtime's global fetch by default. */
  fetch?: FetchLike;
  clock?: Clock;
  log?: (line: string) => void;
  outbox?: TelemetryOutbox;
  confluence?: AppDeps['confluence'];
  jobQueue?: AppDeps['jobQueue'];
  accountReporter?: AppDeps['accountReporter'];
  /** The CLI and the local host compose backups and restores; Forge does not (see AppDeps.recovery). */
  recovery?: AppDeps['recovery'];
}

export interface OpenedApp {
  app: App;
  /** Direct SQL (migrations, seeds); absent on Supabase, which is reached only through RPC. */
  local: LocalDatabase | undefined;
  close(): Promise<void>;
}

/** The one place the database is chosen: Supabase over HTTP, or a local database over SQL. */
export async function openApp(selection: StoreSelection, options: OpenAppOptions): Promise<OpenedApp> {
  const { settings, clock, log, outbox, confluence, jobQueue, accountReporter, recovery } = options;
  if (selection.kind === 'supabase') {
    const rpc = createPostgrestRpcClient(
      selection.url,
      selection.serviceRoleKey,
      options.fetch ? { fetch: options.fetch } : {},
    );
    return {
      app: createApp({ rpc, settings, clock, log, outbox, confluence, jobQueue, accountReporter, recovery }),
      local: undefined,
      close: () => Promise.resolve(),
    };
  }
  if (options.openLocalDatabase === undefined) {
    throw new AppError('unavailable', 'This build of HDC Ops reaches its database only through Supabase', {
      guidance: 'Set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (Forge variables).',
      retryable: false,
    });
  }
  const local = await options.openLocalDatabase(selection);
  return {
    app: createApp({ rpc: local.rpc, settings, clock, log, outbox, confluence, jobQueue, accountReporter, recovery }),
    local,
    close: () => local.close(),
  };
}
