import { AppError } from '../shared/app-error';
import type { SiteId } from '../shared/site';
import type { SqlExecutor, SqlTransaction } from '../store/sql-executor';
import {
  DEMO_ACCOUNTS,
  DEMO_ESCALATION_NOTE,
  DEMO_EVENTS,
  DEMO_OWNERS,
  DEMO_PARENT_PAGE_ID,
  DEMO_OPS_PAGE_ID,
} from './demo-hdc';
import type { DemoEvent } from './demo-hdc';

export interface SeededDemo {
  parentPageId: string;
  accounts: typeof DEMO_ACCOUNTS;
  events: { id: string; name: string; lifecycle: string; pageId: string | null }[];
}

export async function isDemoSeeded(db: Pick<SqlExecutor, 'query'>, site: SiteId): Promise<boolean> {
  const rows = await db.query('select 1 from event where site_id = $1 and confluence_parent_page_id = $2 limit 1', [
    site,
    DEMO_PARENT_PAGE_ID,
  ]);
  return rows.length > 0;
}

/**
 * Writes the demo HDC in one transaction. Completed events are completed by the real
 * hdc_run_sync (so their library rows, sync state and audit rows are genuine), then
 * back-dated to their place in the story.
 */
export async function seedDemo(db: SqlExecutor, site: SiteId): Promise<SeededDemo> {
  if (await isDemoSeeded(db, site)) {
    throw new AppError('conflict', `The demo HDC (parent page ${DEMO_PARENT_PAGE_ID}) is already seeded on ${site}`, {
      guidance:
        'Use it as it is, seed another site (--site), or point HDC_DATA_DIR at an empty folder for a fresh copy.',
      retryable: false,
    });
  }
  return db.transaction(async (tx) => {
    // A site held by a restore takes no write, seeds included (HDC08, transient).
    await tx.query('select hdc_site_hold_check($1, null)', [site]);
    const accounts = [...Object.values(DEMO_ACCOUNTS), ...DEMO_OWNERS];
    await tx.query('insert into users (site_id, account_id) select $1, unnest($2::text[]) on conflict do nothing', [
      site,
      accounts,
    ]);
    await tx.query(`insert into hdc_operator (site_id, account_id, added_by) values ($1, $2, 'demo seed')`, [
      site,
      DEMO_ACCOUNTS.operator,
    ]);
    await tx.query(
      `insert into ops_audit_log (site_id, actor, action, subject) values ($1, 'demo seed', 'operator_added', $2)`,
      [site, DEMO_ACCOUNTS.operator],
    );
    // Alerts and reports go under the demo's operations page, so that a demo incident shows the whole path.
    await tx.query(`insert into ops_delivery_setting (site_id, ops_page_id, updated_at) values ($1, $2, now())`, [
      site,
      DEMO_OPS_PAGE_ID,
    ]);
    await tx.query(
      `insert into ops_audit_log (site_id, actor, action, subject) values ($1, 'demo seed', 'delivery_configured', $2)`,
      [site, DEMO_OPS_PAGE_ID],
    );
    const events = [];
    for (const demo of DEMO_EVENTS) {
      const id = await insertDemoEvent(tx, site, demo);
      events.push({ id, name: demo.name, lifecycle: demo.lifecycle, pageId: demo.pageId });
    }
    return { parentPageId: DEMO_PARENT_PAGE_ID, accounts: DEMO_ACCOUNTS, events };
  });
}

async function insertDemoEvent(tx: SqlTransaction, site: SiteId, demo: DemoEvent): Promise<string> {
  const completesLater = demo.completedDaysAgo !== undefined;
  const [row] = await tx.query<{ id: string }>(
    `insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id)
     values ($1, $2, $3, $4, $5) returning id`,
    [site, demo.name, completesLater ? 'results' : demo.lifecycle, demo.pageId, DEMO_PARENT_PAGE_ID],
  );
  if (row === undefined) throw new Error(`The demo event ${demo.name} was not inserted`);
  const id = row.id;
  await tx.query(`insert into event_admin (site_id, event_id, account_id, role) values ($1, $2, $3, 'primary')`, [
    site,
    id,
    DEMO_ACCOUNTS.primaryAdmin,
  ]);
  if (demo.coAdmin) {
    await tx.query(`insert into event_admin (site_id, event_id, account_id, role) values ($1, $2, $3, 'co_admin')`, [
      site,
      id,
      DEMO_ACCOUNTS.coAdmin,
    ]);
  }
  if (demo.hacks.length > 0) {
    await tx.query(
      `insert into hack (site_id, event_id, title, owner_account_id, submitted_at)
       select $1, $2, h.title, h.owner, case when h.submitted then now() end
       from jsonb_to_recordset($3::jsonb) as h(title text, owner text, submitted boolean)`,
      [site, id, JSON.stringify(demo.hacks)],
    );
  }
  if (demo.story !== undefined) await tellSyncStory(tx, site, id, demo.story);
  if (completesLater) {
    await tx.query(`select hdc_run_sync(p_site => $1, p_action => 'complete', p_event_id => $2, p_actor => $3)`, [
      site,
      id,
      DEMO_ACCOUNTS.primaryAdmin,
    ]);
    const backdate = `${demo.completedDaysAgo} days`;
    await tx.query(
      `update event set completed_at = now() - $2::interval, updated_at = now() - $2::interval where id = $1`,
      [id, backdate],
    );
    await tx.query(`update event_sync_state set last_attempt_at = now() - $2::interval where event_id = $1`, [
      id,
      backdate,
    ]);
    await tx.query(`update event_audit_log set created_at = now() - $2::interval where event_id = $1`, [id, backdate]);
  }
  return id;
}

/** Brings an event to its story's state through the real sync functions, then back-dates it. */
async function tellSyncStory(
  tx: SqlTransaction,
  site: SiteId,
  id: string,
  story: NonNullable<DemoEvent['story']>,
): Promise<void> {
  const admin = DEMO_ACCOUNTS.primaryAdmin;
  const complete = (endEarly: boolean) =>
    tx.query('select hdc_run_sync(p_site => $1, p_action => $4, p_event_id => $2, p_actor => $3)', [
      site,
      id,
      admin,
      endEarly ? 'end_early' : 'complete',
    ]);
  const retry = () =>
    tx.query(`select hdc_run_sync(p_site => $1, p_action => 'retry', p_event_id => $2, p_actor => $3)`, [
      site,
      id,
      admin,
    ]);
  if (story.kind === 'ended_early') {
    await complete(true);
  } else {
    await complete(false);
    if (story.kind !== 'partial') await retry();
    if (story.kind === 'escalated') {
      await tx.query('select hdc_escalate_sync(p_site => $1, p_event_id => $2, p_actor => $3, p_note => $4)', [
        site,
        id,
        admin,
        DEMO_ESCALATION_NOTE,
      ]);
    }
  }
  const ago = `${story.daysAgo} days`;
  await tx.query(
    `update event set completed_at = case when completed_at is null then null else now() - $2::interval end, updated_at = now() - $2::interval where id = $1`,
    [id, ago],
  );
  await tx.query(
    `update event_sync_state set last_attempt_at = now() - $2::interval, updated_at = now() - $2::interval,
       escalated_at = case when escalated_at is null then null else now() - $2::interval + interval '2 hours' end
     where event_id = $1`,
    [id, ago],
  );
  // The attempts an hour apart, in their order.
  await tx.query(
    `update event_audit_log a set created_at = now() - $2::interval + (o.n - 1) * interval '1 hour'
     from (select id, row_number() over (order by id) as n from event_audit_log where event_id = $1) as o
     where a.id = o.id`,
    [id, ago],
  );
}
