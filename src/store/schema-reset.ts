import type { SiteHold } from '../ops/operations-port';
import type { SqlExecutor } from './sql-executor';
import type { MigrationReport, MigrationSources } from './migration-runner';
import { migrateIn, withMigrationLock } from './migration-runner';

/*
 * What a rollback across a schema change needs besides the migrations: the sites that hold rows,
 * and a reset of the whole HDC schema followed by this build's migrations.
 */

/**
 * Tables holding site rows (a site_id of the hdc_site domain), whatever the version that made them:
 * the rule of hdc_site_tables(), read here from the catalog because a database older than that
 * function (or newer than this build) may not have it.
 */
const SITE_TABLES = `
  select distinct c.table_name from information_schema.columns c
  join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
  where c.table_schema = current_schema() and c.column_name = 'site_id' and c.domain_name = 'hdc_site'`;
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A site's hold carried across a schema reset. */
export interface KeptHold {
  site: string;
  token: string;
  kind: SiteHold['kind'];
  heldBy: string;
  since: string;
}

/** The sites that have rows in the database (a schema reset is allowed only when there is one). */
export async function sitesWithData(db: SqlExecutor): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(SITE_TABLES);
  if (tables.length === 0) return [];
  const union = tables
    .map((row) => `select distinct site_id::text as site from ${quoted(row.table_name)}`)
    .join(' union ');
  return (await db.query<{ site: string }>(`select site from (${union}) as sites order by site`)).map(
    (row) => row.site,
  );
}

/**
 * A rollback across a schema change: drops every HDC table, function and the site domain, then
 * migrates to this build's schema, in ONE transaction (a failure leaves the newer schema and its
 * data as they were). Only for a database holding one site: the caller checks sitesWithData.
 * `keepHold`: the rollback's hold on its site, written again into the new schema in the same
 * transaction, so the site's calls stay held until the rollback's restore is applied.
 */
export async function resetAndMigrate(
  db: SqlExecutor,
  sources: MigrationSources = {},
  keepHold?: KeptHold,
): Promise<MigrationReport> {
  return withMigrationLock(db, async (tx) => {
    const functionsNow = await tx.query<{ signature: string }>(
      `select p.oid::regprocedure::text as signature from pg_proc p
       where p.pronamespace = current_schema()::regnamespace and p.proname like 'hdc\\_%'`,
    );
    for (const row of functionsNow) await tx.exec(`drop function if exists ${row.signature} cascade`);
    const tables = await tx.query<{ table_name: string }>(SITE_TABLES);
    for (const row of tables) await tx.exec(`drop table if exists ${quoted(row.table_name)} cascade`);
    await tx.exec(
      // ops_audit_action and hdc_personal_data_column belong to no site but are the schema's own data (their
      // migrations fill them); hdc_release and hdc_site_erasure (logs of no site) are kept.
      'drop table if exists hdc_schema_migration, hdc_schema_function, ops_audit_action, hdc_personal_data_column cascade; ' +
        'drop domain if exists hdc_site cascade; drop domain if exists hdc_account_id cascade',
    );
    const report = await migrateIn(tx, sources);
    if (keepHold !== undefined) {
      await tx.query(
        `insert into ops_site_hold (site_id, token, kind, held_by, since, until)
         values ($1, $2, $3, $4, $5, clock_timestamp() + hdc_site_hold_lease())`,
        [keepHold.site, keepHold.token, keepHold.kind, keepHold.heldBy, keepHold.since],
      );
    }
    return report;
  });
}
