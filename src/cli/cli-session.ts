import { createRecoveryService } from '../ops/recovery-service';
import type { AppSettings } from '../app/app-settings';
import { appSettingsOf } from '../app/app-settings';
import type { AppServices } from '../app/create-app';
import { createDatabaseAdmin } from '../app/database-admin';
import type { DatabaseAdmin } from '../app/database-admin';
import { openLocalDatabase } from '../app/local-database';
import { openApp } from '../app/open-app';
import { createHttpConfluenceAccess } from '../confluence/http-confluence-adapter';
import { createHttpAccountReporter } from '../privacy/http-account-reporter';
import { DEMO_PARENT_PAGE_ID } from '../seed/demo-hdc';
import { isAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import type { AppConfig } from '../shared/config';
import { loadConfig } from '../shared/config';
import type { SiteId } from '../shared/site';
import { SiteIdSchema } from '../shared/site';
import { loadThresholds } from '../verification/thresholds-source';
import type { CliIo } from './cli-io';
import { EXPECTED_SCHEMA_VERSION } from '../shared/release';
import { appErrorFromDriver } from '../store/postgres-error-map';
import type { SqlExecutor } from '../store/sql-executor';
import { ExitError } from './exit-error';

export interface CliSession {
  config: AppConfig;
  settings: AppSettings;
  clock: Clock;
  /** The site every command acts for: --site, else HDC_SITE_ID, else the local site. */
  site: SiteId;
  services: AppServices;
  /** Services of another site of the same database (pre-upgrade backups of every site). */
  servicesFor(site: SiteId): AppServices;
  /** Direct SQL (migrate, seed): a Postgres server or the embedded database. */
  admin(command: string): DatabaseAdmin;
  /**
   * The HDC parent page when no flag names one: HDC_PARENT_PAGE_ID, else the demo's when the demo
   * is seeded on this site (as `npm start` does), else none.
   */
  defaultParentPageId(): Promise<string | undefined>;
}

/** Options every command takes. */
export interface SessionOptions {
  site?: string | undefined;
}

/** Whether a command needs this build's schema (most) or works on any (migrate, rollback, health, demo). */
export type SchemaNeed = 'this_build' | 'any';

/**
 * A database this build cannot work with is a usage error before the command does anything: not
 * migrated yet, or migrated by another version. Checked over SQL; over Supabase's API the health
 * check reports it.
 */
async function requireThisSchema(sql: SqlExecutor): Promise<void> {
  const version = await sql.query<{ v: number | null }>('select max(version) as v from hdc_schema_migration').then(
    (rows) => rows[0]?.v ?? null,
    (error: unknown) => {
      // No ledger yet: never migrated.
      if ((error as { code?: unknown }).code === '42P01') return null;
      throw appErrorFromDriver(error, { effect: 'read' });
    },
  );
  if (version === EXPECTED_SCHEMA_VERSION) return;
  if (version === null || version < EXPECTED_SCHEMA_VERSION) {
    throw new ExitError(
      2,
      `The database is not migrated${version === null ? '' : ` (schema ${version}; this build needs ${EXPECTED_SCHEMA_VERSION})`}`,
      'Run `hdc-ops migrate` first (it takes a pre-upgrade backup of every site with data).',
      'not_migrated',
    );
  }
  throw new ExitError(
    2,
    `The database has schema ${version}, newer than this build's ${EXPECTED_SCHEMA_VERSION}`,
    'Use the hdc-ops version that migrated it, or roll back with this one: hdc-ops rollback --backup <pre-upgrade backup>.',
    'schema_mismatch',
  );
}

function configured<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch (error) {
    throw new ExitError(
      2,
      isAppError(error) ? error.message : `Invalid ${what}`,
      isAppError(error) ? error.guidance : undefined,
      'config',
    );
  }
}

function siteOf(flag: string | undefined, config: AppConfig): SiteId {
  if (flag === undefined) return config.site;
  const parsed = SiteIdSchema.safeParse(flag);
  if (!parsed.success) {
    throw new ExitError(
      2,
      `--site ${parsed.error.issues[0]?.message ?? 'is invalid'}`,
      'Example: --site ari:cloud:confluence::site/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    );
  }
  return parsed.data;
}

/** The CLI acts in Confluence as the API token's owner, for every command. */
const cliConfluence = (credentials: NonNullable<AppConfig['confluence']>) => (deadline: Deadline) =>
  createHttpConfluenceAccess({ baseUrl: credentials.baseUrl, credentialsFor: () => credentials, deadline });

/** The privacy report from the CLI: against the local host (real sites answer the installed app only). */
const cliAccountReporter = (credentials: NonNullable<AppConfig['confluence']>) => (deadline: Deadline) =>
  createHttpAccountReporter({ ...credentials, deadline });

/** Opens the configured database for one command, and always flushes telemetry and closes it. */
export async function withCliSession<T>(
  io: CliIo,
  options: SessionOptions,
  work: (session: CliSession) => Promise<T>,
  schema: SchemaNeed = 'this_build',
): Promise<T> {
  const config = configured(() => loadConfig(io.env), 'environment');
  const site = siteOf(options.site, config);
  const settings: AppSettings = appSettingsOf(
    config,
    configured(() => loadThresholds(config.thresholds), 'thresholds'),
  );
  const clock = io.clock ?? systemClock;
  const opened = await openApp(config.store, {
    settings,
    clock,
    openLocalDatabase,
    recovery: createRecoveryService,
    log: (line) => io.log(line),
    ...(config.confluence
      ? { confluence: cliConfluence(config.confluence), accountReporter: cliAccountReporter(config.confluence) }
      : {}),
  });
  const services = opened.app.servicesFor({ site });
  try {
    if (schema === 'this_build' && opened.local !== undefined) await requireThisSchema(opened.local.sql);
    return await work({
      config,
      settings,
      clock,
      site,
      services,
      servicesFor: (other) => opened.app.servicesFor({ site: other }),
      admin(command) {
        if (opened.local === undefined) {
          throw new ExitError(
            2,
            `${command} needs direct database access`,
            "Set DATABASE_URL to the Postgres connection string (for Supabase: the project's database URL).",
          );
        }
        return createDatabaseAdmin(opened.local.sql);
      },
      async defaultParentPageId() {
        if (config.parentPageId !== undefined) return config.parentPageId;
        if (opened.local === undefined) return undefined;
        return (await createDatabaseAdmin(opened.local.sql).isDemoSeeded(site)) ? DEMO_PARENT_PAGE_ID : undefined;
      },
    });
  } finally {
    await services.flushTelemetry().catch(() => undefined);
    await opened.close();
  }
}
