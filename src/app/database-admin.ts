import { z } from 'zod';
import { seedBulk } from '../seed/seed-bulk';
import type { Clock } from '../shared/clock';
import type { AppSettings } from './app-settings';
import { seedDemoHistory } from './demo-history';
import type { BulkSeedOptions, BulkSeedResult } from '../seed/seed-bulk';
import { isDemoSeeded, seedDemo } from '../seed/seed-demo';
import type { SeededDemo } from '../seed/seed-demo';
import type { SiteId } from '../shared/site';
import { planMigrations, runMigrations } from '../store/migration-runner';
import { resetAndMigrate, sitesWithData } from '../store/schema-reset';
import type { MigrationPlan, MigrationReport } from '../store/migration-runner';
import type { KeptHold } from '../store/schema-reset';
import { appErrorFromDriver, sqlStateOf } from '../store/postgres-error-map';
import type { SqlExecutor } from '../store/sql-executor';

const SitesOverviewSchema = z.array(
  z.object({
    site: z.string(),
    rows: z.coerce.number().int(),
    tables: z.record(z.string(), z.coerce.number().int()),
    installedAt: z.string().nullable(),
    version: z.string().nullable(),
    lastActiveAt: z.string().nullable(),
    inactive: z.boolean(),
  }),
);
/** A site of the database as `hdc-ops sites list` shows it. */
export type SiteOverview = z.infer<typeof SitesOverviewSchema>[number];

/** What local edges (CLI, local host, bench) do to a database over SQL besides calling services. */
export interface DatabaseAdmin {
  migrate(): Promise<MigrationReport>;
  /** What migrate would apply, changing nothing. */
  planMigrations(): Promise<MigrationPlan>;
  /** Sites with rows in the database. */
  sitesWithData(): Promise<string[]>;
  /** Drops the HDC schema and migrates to this build's, in one transaction (rollback across a schema change). */
  resetAndMigrate(keepHold?: KeptHold): Promise<MigrationReport>;
  /** The demo HDC; with settings and a clock, its eight weeks of history up to the clock's now too (telemetry, sampler runs, weekly reports). */
  seedDemo(site: SiteId, history?: { settings: AppSettings; clock: Clock }): Promise<SeededDemo>;
  seedBulk(options: BulkSeedOptions): Promise<BulkSeedResult>;
  isDemoSeeded(site: SiteId): Promise<boolean>;
  /** Every site with rows: counts per table, installation, last activity (inactive after inactiveDays). */
  sitesOverview(now: Date, inactiveDays: number): Promise<SiteOverview[]>;
  /** Whether the site has no event at all (the local host seeds the demo into an empty site). */
  isEmpty(site: SiteId): Promise<boolean>;
}

/** Direct SQL fails with the database's SQLSTATE: refusals (a held site) become the same AppError a store call gives. */
async function typedErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Only what the database refused is translated; anything else (the seed's own AppError, a bug) goes on as it is.
    if (sqlStateOf((error as { code?: unknown }).code) === undefined) throw error;
    throw appErrorFromDriver(error, { effect: 'write' });
  }
}

export function createDatabaseAdmin(sql: SqlExecutor): DatabaseAdmin {
  return {
    migrate: () => runMigrations(sql),
    planMigrations: () => planMigrations(sql),
    sitesWithData: () => sitesWithData(sql),
    resetAndMigrate: (keepHold) => resetAndMigrate(sql, {}, keepHold),
    seedDemo: (site, history) =>
      typedErrors(async () => {
        const demo = await seedDemo(sql, site);
        if (history !== undefined) await seedDemoHistory(sql, history.settings, site, history.clock);
        return demo;
      }),
    seedBulk: (options) => typedErrors(() => seedBulk(sql, options)),
    isDemoSeeded: (site) => isDemoSeeded(sql, site),
    async sitesOverview(now, inactiveDays) {
      const rows = await sql.query<{ sites: unknown }>('select hdc_sites_overview($1, $2) as sites', [
        now.toISOString(),
        inactiveDays,
      ]);
      return SitesOverviewSchema.parse(rows[0]?.sites);
    },
    async isEmpty(site) {
      const rows = await sql.query('select 1 from event where site_id = $1 limit 1', [site]);
      return rows.length === 0;
    },
  };
}
