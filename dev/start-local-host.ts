import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAppServices } from '../src/app/app-services';
import type { AppServicesDeps } from '../src/app/app-services';
import { isAppError } from '../src/shared/app-error';
import { loadConfig } from '../src/shared/config';
import { packageRoot } from '../src/shared/package-root';
import { runMigrations } from '../src/store/migration-runner';
import { openSqlStore, openStore } from '../src/store/open-store';
import type { SqlExecutor } from '../src/store/sql-executor';
import { DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import { seedDemo } from '../src/seed/seed-demo';
import { TelemetryOutbox } from '../src/telemetry/telemetry-outbox';
import { verificationSettingsOf } from '../src/verification/thresholds-source';
import { createLocalHost } from './local-host';
import { loadTokenCss } from './theme-css';

export interface RunningLocalHost {
  url: string;
  close(): Promise<void>;
}

export interface LocalHostOptions {
  sql: SqlExecutor;
  port: number;
  /** The HDC parent page to show (HDC_PARENT_PAGE_ID); default the demo's. */
  parentPageId?: string | undefined;
  verification?: Omit<NonNullable<AppServicesDeps['verification']>, 'parentPageId'>;
  /** Runs the telemetry sampler at start and then at this interval, as Forge's hourly trigger does. */
  sampleEveryMs?: number | undefined;
  log?: (line: string) => void;
}

/** Migrates, seeds the demo when the database holds no event, and serves the site on 127.0.0.1. */
export async function startLocalHost(options: LocalHostOptions): Promise<RunningLocalHost> {
  const root = packageRoot(__dirname);
  await runMigrations(options.sql);
  const [{ empty } = { empty: false }] = await options.sql.query<{ empty: boolean }>('select not exists (select 1 from event) as empty');
  if (empty) await seedDemo(options.sql);
  const outbox = new TelemetryOutbox();
  const opened = openSqlStore(options.sql, outbox);
  const parentPageId = options.parentPageId ?? DEMO_PARENT_PAGE_ID;
  const log = options.log ?? (() => undefined);
  const services = createAppServices({
    store: opened.store,
    outbox,
    // Telemetry lines stay out of the host's console; they are persisted as in Forge.
    log: (line) => {
      if (!line.startsWith('[hdc-telemetry]')) log(line);
    },
    verification: { ...options.verification, parentPageId },
  });
  const sample = () =>
    services.sampleTelemetry().then((run) => {
      log(`[hdc-local-host] telemetry sampler: ${run.status}${run.status === 'ok' ? `, severity ${run.severity}` : ` (${run.errorCode})`}`);
    });
  await sample();
  const sampler = options.sampleEveryMs === undefined ? undefined : setInterval(() => void sample(), options.sampleEveryMs);
  const server = createLocalHost({
    services,
    sql: options.sql,
    macrosDir: join(root, 'static', 'dist'),
    publicDir: join(root, 'dev', 'public'),
    tokenCss: loadTokenCss(),
    parentPageId,
    ...(options.log ? { log: options.log } : {}),
  });
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      clearInterval(sampler);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opened.store.flushTelemetry().catch(() => undefined);
    },
  };
}

const DEFAULT_PORT = 8787;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${isAppError(error) ? error.message : 'Invalid environment'}\n`);
    process.exit(2);
  }
  if (config.store.kind === 'supabase') {
    process.stderr.write('The local host runs on the embedded database or DATABASE_URL, not on Supabase: unset SUPABASE_URL.\n');
    process.exit(2);
  }
  const opened = await openStore(config.store, new TelemetryOutbox());
  const sql = opened.sql;
  if (sql === undefined) throw new Error('A local store always has SQL access');
  const port = Number(process.env.HDC_DEV_PORT ?? DEFAULT_PORT);
  const { parentPageId, ...verification } = verificationSettingsOf(config);
  const host = await startLocalHost({
    sql,
    port,
    parentPageId,
    verification,
    sampleEveryMs: 60 * 60 * 1000,
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch(
    async (error: unknown) => {
      await opened.close();
      if ((error as { code?: string }).code === 'EADDRINUSE') {
        process.stderr.write(`Port ${port} is in use: set HDC_DEV_PORT to a free port (HDC_DEV_PORT=0 picks one).\n`);
        process.exit(2);
      }
      throw error;
    },
  );
  const where = config.store.kind === 'pglite' ? `embedded database in ${config.store.dataDir}` : 'DATABASE_URL';
  process.stdout.write(
    [
      `HDC Ops local Forge host (${where}) is running at ${host.url}`,
      '  The HDC parent page shows the registry; event pages show the sync panel and the decision tree.',
      '  "Weekly verification" holds the weekly report; the telemetry sampler runs now and every hour.',
      '  Switch between the demo users (primary admin, co-admin, non-admin, HDC operator) and light/dark in the top bar.',
      '  Stop with Ctrl+C. Start over: delete the data folder.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void host
      .close()
      .then(() => opened.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`The local host could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
