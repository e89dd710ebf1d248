import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppSettings } from '../src/app/app-settings';
import { appSettingsOf } from '../src/app/app-settings';
import { createApp } from '../src/app/create-app';
import { createDatabaseAdmin } from '../src/app/database-admin';
import { openLocalDatabase } from '../src/app/local-database';
import type { LocalDatabase } from '../src/app/open-app';
import { isAppError } from '../src/shared/app-error';
import { DEFAULT_DATA_DIR, loadConfig } from '../src/shared/config';
import { packageRoot } from '../src/shared/package-root';
import type { Clock } from '../src/shared/clock';
import { systemClock } from '../src/shared/clock';
import type { SiteId } from '../src/shared/site';
import { DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import { loadThresholds } from '../src/verification/thresholds-source';
import type { ConfluenceAccess } from '../src/confluence/confluence-port';
import { createHttpConfluenceAccess } from '../src/confluence/http-confluence-adapter';
import { createHttpAccountReporter } from '../src/privacy/http-account-reporter';
import type { Deadline } from '../src/shared/deadline';
import {
  DEMO_CONFLUENCE_ACCOUNTS,
  DEMO_DELETERS,
  DEMO_DISPLAY_NAMES,
  demoConfluencePages,
} from './local-confluence/demo-confluence-pages';
import { createLocalConfluence, LOCAL_CONFLUENCE_TOKEN } from './local-confluence/local-confluence-server';
import type { LocalConfluence } from './local-confluence/local-confluence-server';
import { LOCAL_APP_ACCOUNT, LocalConfluenceSite } from './local-confluence/local-confluence-site';
import { writeDemoIncident } from './demo-incident';
import { createLocalHost } from './local-host';
import { createLocalJobQueue } from './local-job-queue';
import { buildCleanupJobConsumer } from '../src/forge/cleanup-job-consumer';
import { buildAlertEvaluatorTrigger } from '../src/forge/scheduled-handlers';
import { loadTokenCss } from './theme-css';

export interface RunningLocalHost {
  url: string;
  /** The local Confluence the host serves (tests edit pages and flip the 429 switch through it). */
  confluence: { site: LocalConfluenceSite; api: LocalConfluence };
  close(): Promise<void>;
}

/** The local Confluence as HDC Ops reaches it: over HTTP, as each signed-in demo user or as the app. */
export function localConfluenceAccess(baseUrl: () => string) {
  return (deadline: Deadline): ConfluenceAccess =>
    createHttpConfluenceAccess({
      baseUrl: baseUrl(),
      credentialsFor: (actor) => ({
        email: actor === 'app' ? LOCAL_APP_ACCOUNT : actor.accountId,
        apiToken: LOCAL_CONFLUENCE_TOKEN,
      }),
      deadline,
    });
}

/** The local Confluence's pages: kept in `file` (across restarts), else in memory; seeded with the demo's pages. */
export function openLocalConfluenceSite(file: string | undefined, parentPageId: string): LocalConfluenceSite {
  const permissions = { deleters: DEMO_DELETERS };
  const demo = () => {
    const seeded = new LocalConfluenceSite([], permissions);
    seeded.add(...demoConfluencePages(parentPageId));
    return seeded.all();
  };
  return file === undefined
    ? new LocalConfluenceSite(demo(), permissions)
    : LocalConfluenceSite.open(file, permissions, demo);
}

export interface LocalHostOptions {
  database: LocalDatabase;
  /** The Confluence site the host plays (HDC_SITE_ID). */
  site: SiteId;
  port: number;
  /** The settings; without a parent page (HDC_PARENT_PAGE_ID), the demo's. */
  settings: AppSettings;
  /** Runs the telemetry sampler at start and then at this interval, as Forge's hourly trigger does. */
  sampleEveryMs?: number | undefined;
  /** How often the alerts are evaluated, as Forge's fiveMinute trigger does (none: only at start). */
  evaluateAlertsEveryMs?: number | undefined;
  /** Where the local Confluence keeps its pages; in memory when absent. */
  confluenceFile?: string | undefined;
  /** The local Confluence's 429 switch at start (HDC_LOCAL_CONFLUENCE_429_SHARE). */
  rateLimitShare?: number | undefined;
  log?: (line: string) => void;
  /** Now, for the demo's history and everything the app dates; the system clock by default. */
  clock?: Clock;
}

/** Migrates, seeds the demo when the site holds no event, and serves the site on 127.0.0.1. */
export async function startLocalHost(options: LocalHostOptions): Promise<RunningLocalHost> {
  const root = packageRoot(__dirname);
  const admin = createDatabaseAdmin(options.database.sql);
  await admin.migrate();
  const clock = options.clock ?? systemClock;
  if (await admin.isEmpty(options.site)) await admin.seedDemo(options.site, { settings: options.settings, clock });
  const parentPageId = options.settings.parentPageId ?? DEMO_PARENT_PAGE_ID;
  const log = options.log ?? (() => undefined);
  const site = openLocalConfluenceSite(options.confluenceFile, parentPageId);
  const confluence = {
    site,
    api: createLocalConfluence(site, {
      accounts: DEMO_CONFLUENCE_ACCOUNTS,
      displayNames: DEMO_DISPLAY_NAMES,
      rateLimitShare: options.rateLimitShare,
    }),
  };
  let hostUrl = '';
  // Forge's async events queue, emulated: the cleanup's background jobs run through the same consumer Forge calls.
  const jobQueue = createLocalJobQueue({ site: options.site, autoRun: true, log });
  const app = createApp({
    confluence: localConfluenceAccess(() => hostUrl),
    accountReporter: (deadline) =>
      createHttpAccountReporter({
        baseUrl: () => hostUrl,
        email: LOCAL_APP_ACCOUNT,
        apiToken: LOCAL_CONFLUENCE_TOKEN,
        deadline,
      }),
    rpc: options.database.rpc,
    clock,
    jobQueue,
    settings: { ...options.settings, parentPageId },
    // Telemetry lines stay out of the host's console; they are persisted as in Forge.
    log: (line) => {
      if (!line.startsWith('[hdc-telemetry]')) log(line);
    },
  });
  jobQueue.connect(buildCleanupJobConsumer({ app: () => Promise.resolve(app), clock, log }));
  const services = app.servicesFor({ site: options.site });
  const sample = () =>
    services.sampleTelemetry().then((run) => {
      log(
        `[hdc-local-host] telemetry sampler: ${run.status}${run.status === 'ok' ? `, severity ${run.severity}` : ` (${run.errorCode})`}`,
      );
    });
  await sample();
  const sampler =
    options.sampleEveryMs === undefined ? undefined : setInterval(() => void sample(), options.sampleEveryMs);
  // The fiveMinute trigger, run through the same handler Forge calls.
  const evaluateAlerts = buildAlertEvaluatorTrigger({ app: () => Promise.resolve(app), clock, log });
  const alertContext = { installContext: options.site };
  const server = createLocalHost({
    privacyReport: async () => {
      await services.privacy.report().then((run) => log(`[hdc-local-host] privacy report: ${run.status}`));
    },
    now: () => clock.now(),
    demoIncident: async () => {
      await writeDemoIncident(options.database.sql, options.site, clock.now());
      await evaluateAlerts({}, alertContext);
    },
    app,
    site: options.site,
    confluence,
    macrosDir: join(root, 'static', 'dist'),
    publicDir: join(root, 'dev', 'public'),
    tokenCss: loadTokenCss(),
    parentPageId,
    ...(options.log ? { log: options.log } : {}),
  });
  server.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  hostUrl = `http://127.0.0.1:${port}`;
  // The first evaluation once the host answers: its delivery writes to the host's own Confluence.
  await evaluateAlerts({}, alertContext);
  const alertEvaluator =
    options.evaluateAlertsEveryMs === undefined
      ? undefined
      : setInterval(() => void evaluateAlerts({}, alertContext), options.evaluateAlertsEveryMs);
  return {
    url: `http://127.0.0.1:${port}/`,
    confluence,
    async close() {
      clearInterval(sampler);
      clearInterval(alertEvaluator);
      jobQueue.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.flushTelemetry().catch(() => undefined);
    },
  };
}

const DEFAULT_PORT = 8787;

async function main(): Promise<void> {
  let config;
  let settings;
  try {
    config = loadConfig(process.env);
    settings = appSettingsOf(config, loadThresholds(config.thresholds));
  } catch (error) {
    process.stderr.write(
      `${isAppError(error) ? `${error.message}\n  what to do: ${error.guidance ?? 'see .env.example'}` : 'Invalid environment'}\n`,
    );
    process.exit(2);
  }
  if (config.store.kind === 'supabase') {
    process.stderr.write(
      'The local host runs on the embedded database or DATABASE_URL, not on Supabase: unset SUPABASE_URL.\n',
    );
    process.exit(2);
  }
  const database = await openLocalDatabase(config.store);
  const port = Number(process.env.HDC_DEV_PORT ?? DEFAULT_PORT);
  const host = await startLocalHost({
    database,
    site: config.site,
    port,
    settings,
    sampleEveryMs: 60 * 60 * 1000,
    evaluateAlertsEveryMs: 5 * 60 * 1000,
    confluenceFile: join(
      config.store.kind === 'pglite' ? config.store.dataDir : (process.env.HDC_DATA_DIR ?? DEFAULT_DATA_DIR),
      `local-confluence-${config.site.replace(/[^A-Za-z0-9-]/g, '_')}.json`,
    ),
    rateLimitShare: Number(process.env.HDC_LOCAL_CONFLUENCE_429_SHARE ?? 0),
    log: (line) => process.stderr.write(`${line}\n`),
  }).catch(async (error: unknown) => {
    await database.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      process.stderr.write(`Port ${port} is in use: set HDC_DEV_PORT to a free port (HDC_DEV_PORT=0 picks one).\n`);
      process.exit(2);
    }
    throw error;
  });
  const where = config.store.kind === 'pglite' ? `embedded database in ${config.store.dataDir}` : 'DATABASE_URL';
  process.stdout.write(
    [
      `HDC Ops local Forge host (${where}, site ${config.site}) is running at ${host.url}`,
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
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const message = isAppError(error)
      ? `${error.message}\n  what to do: ${error.guidance ?? ''}`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`The local host could not start: ${message}\n`);
    process.exit(1);
  });
}
