import { AppError } from '../shared/app-error';
import type { SqlExecutor, SqlTransaction } from '../store/sql-executor';
import { DEMO_ACCOUNTS, DEMO_EVENTS, DEMO_OWNERS, DEMO_PARENT_PAGE_ID } from './demo-hdc';
import type { DemoEvent } from './demo-hdc';

export interface SeededDemo {
  parentPageId: string;
  accounts: typeof DEMO_ACCOUNTS;
  events: { id: string; name: string; lifecycle: string; pageId: string | null }[];
}

export async function isDemoSeeded(db: Pick<SqlExecutor, 'query'>): Promise<boolean> {
  const rows = await db.query('select 1 from event where confluence_parent_page_id = $1 limit 1', [DEMO_PARENT_PAGE_ID]);
  return rows.length > 0;
}

/**
 * Writes the demo HDC in one transaction. Completed events are completed by the real
 * hdc_complete_and_sync (so their library rows, sync state and audit rows are genuine), then
 * back-dated to their place in the story.
 */
export async function seedDemo(db: SqlExecutor): Promise<SeededDemo> {
  if (await isDemoSeeded(db)) {
    throw new AppError('conflict', `The demo HDC (parent page ${DEMO_PARENT_PAGE_ID}) is already seeded`, {
      guidance: 'Use it as it is, or point HDC_DATA_DIR at an empty folder for a fresh copy.',
      retryable: false,
    });
  }
  return db.transaction(async (tx) => {
    const accounts = [...Object.values(DEMO_ACCOUNTS), ...DEMO_OWNERS];
    await tx.query('insert into users (account_id) select unnest($1::text[]) on conflict do nothing', [accounts]);
    await tx.query(`insert into hdc_operator (account_id, added_by) values ($1, 'demo seed')`, [DEMO_ACCOUNTS.operator]);
    await tx.query(`insert into ops_audit_log (actor, action, subject) values ('demo seed', 'operator_added', $1)`, [DEMO_ACCOUNTS.operator]);
    const events = [];
    for (const demo of DEMO_EVENTS) {
      const id = await insertDemoEvent(tx, demo);
      events.push({ id, name: demo.name, lifecycle: demo.lifecycle, pageId: demo.pageId });
    }
    return { parentPageId: DEMO_PARENT_PAGE_ID, accounts: DEMO_ACCOUNTS, events };
  });
}

async function insertDemoEvent(tx: SqlTransaction, demo: DemoEvent): Promise<string> {
  const completesLater = demo.completedDaysAgo !== undefined;
  const [row] = await tx.query<{ id: string }>(
    `insert into event (name, lifecycle, confluence_page_id, confluence_parent_page_id)
     values ($1, $2, $3, $4) returning id`,
    [demo.name, completesLater ? 'results' : demo.lifecycle, demo.pageId, DEMO_PARENT_PAGE_ID],
  );
  if (row === undefined) throw new Error(`The demo event ${demo.name} was not inserted`);
  const id = row.id;
  await tx.query(`insert into event_admin (event_id, account_id, role) values ($1, $2, 'primary')`, [id, DEMO_ACCOUNTS.primaryAdmin]);
  if (demo.coAdmin) {
    await tx.query(`insert into event_admin (event_id, account_id, role) values ($1, $2, 'co_admin')`, [id, DEMO_ACCOUNTS.coAdmin]);
  }
  if (demo.hacks.length > 0) {
    await tx.query(
      `insert into hack (event_id, title, owner_account_id, submitted_at)
       select $1, h.title, h.owner, case when h.submitted then now() end
       from jsonb_to_recordset($2::jsonb) as h(title text, owner text, submitted boolean)`,
      [id, JSON.stringify(demo.hacks)],
    );
  }
  if (completesLater) {
    await tx.query('select hdc_complete_and_sync($1, $2)', [id, DEMO_ACCOUNTS.primaryAdmin]);
    const backdate = `${demo.completedDaysAgo} days`;
    await tx.query(`update event set completed_at = now() - $2::interval, updated_at = now() - $2::interval where id = $1`, [id, backdate]);
    await tx.query(`update event_sync_state set last_attempt_at = now() - $2::interval where event_id = $1`, [id, backdate]);
    await tx.query(`update event_audit_log set created_at = now() - $2::interval where event_id = $1`, [id, backdate]);
  }
  return id;
}
