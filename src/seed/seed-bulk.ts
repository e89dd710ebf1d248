import type { SiteId } from '../shared/site';
import type { SqlExecutor } from '../store/sql-executor';

export interface BulkSeedOptions {
  site: SiteId;
  events: number;
  hacksPerEvent: number;
  parentPageId: string;
  namePrefix?: string;
  adminAccountId?: string;
}

export interface BulkSeedResult {
  parentPageId: string;
  adminAccountId: string;
  eventIds: string[];
  hacks: number;
}

const BULK_ADMIN = 'bench-admin';
const BULK_OWNER = 'bench-owner';

/** N events (state `results`, ready to sync) with M valid submitted hacks each: set-based, one transaction. */
export async function seedBulk(db: SqlExecutor, options: BulkSeedOptions): Promise<BulkSeedResult> {
  const admin = options.adminAccountId ?? BULK_ADMIN;
  const prefix = options.namePrefix ?? 'Bench event';
  const result = await db.transaction(async (tx) => {
    const site = options.site;
    // A site held by a restore takes no write, seeds included (HDC08, transient).
    await tx.query('select hdc_site_hold_check($1, null)', [site]);
    await tx.query('insert into users (site_id, account_id) values ($1, $2), ($1, $3) on conflict do nothing', [
      site,
      admin,
      BULK_OWNER,
    ]);
    const rows = await tx.query<{ id: string }>(
      // Numbers continue after the highest one already seeded with this prefix: names never repeat.
      `with base as (
         select coalesce(max(confluence_page_id::bigint), 5000000) as page,
           coalesce(max(substring(name from length($2::text) + 2)::bigint) filter (
             where left(name, length($2::text) + 1) = $2::text || ' ' and substring(name from length($2::text) + 2) ~ '^[0-9]{1,12}$'), 0) as number
         from event where site_id = $1
       ), created as (
         insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id)
         select $1, format('%s %s', $2::text, lpad((base.number + g)::text, 6, '0')), 'results', (base.page + g)::text, $3
         from base, generate_series(1, $4::int) as g
         returning id
       ), admins as (
         insert into event_admin (site_id, event_id, account_id, role) select $1, id, $5, 'primary' from created
       )
       select id from created`,
      [site, prefix, options.parentPageId, options.events, admin],
    );
    const eventIds = rows.map((row) => row.id);
    if (options.hacksPerEvent > 0) {
      await tx.query(
        `insert into hack (site_id, event_id, title, owner_account_id, submitted_at)
         select $1, e, format('Hack %s', g), $3, now()
         from unnest($2::uuid[]) as e, generate_series(1, $4::int) as g`,
        [site, eventIds, BULK_OWNER, options.hacksPerEvent],
      );
    }
    return {
      parentPageId: options.parentPageId,
      adminAccountId: admin,
      eventIds,
      hacks: eventIds.length * options.hacksPerEvent,
    };
  });
  // Fresh statistics for what was just loaded, as autovacuum would give a server soon after; the
  // embedded database has no autovacuum, and plans made on empty-table estimates sort instead of
  // reading the registry index (registry.list over 2,500 events: p50 ~34 ms instead of ~3 ms).
  await db.exec('analyze event; analyze event_admin; analyze hack');
  return result;
}
