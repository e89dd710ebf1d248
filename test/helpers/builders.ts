import { randomUUID } from 'node:crypto';
import type { EventLifecycle } from '../../src/contract/lifecycle';
import type { SqlTransaction } from '../../src/store/sql-executor';

type Db = Pick<SqlTransaction, 'query'>;

let pageCounter = 900_000;
export const nextPageId = (): string => String((pageCounter += 1));

export async function makeUser(db: Db, accountId: string = `acct-${randomUUID().slice(0, 8)}`): Promise<string> {
  await db.query('insert into users (account_id) values ($1) on conflict do nothing', [accountId]);
  return accountId;
}

export interface EventOverrides {
  name?: string;
  lifecycle?: EventLifecycle;
  pageId?: string | null;
  parentPageId?: string | null;
  completedAt?: Date | null;
}

export async function makeEvent(db: Db, overrides: EventOverrides = {}): Promise<string> {
  const lifecycle = overrides.lifecycle ?? 'results';
  const completedAt =
    overrides.completedAt !== undefined ? overrides.completedAt : lifecycle === 'completed' ? new Date() : null;
  const rows = await db.query<{ id: string }>(
    `insert into event (name, lifecycle, confluence_page_id, confluence_parent_page_id, completed_at)
     values ($1, $2, $3, $4, $5) returning id`,
    [
      overrides.name ?? `Event ${randomUUID().slice(0, 6)}`,
      lifecycle,
      overrides.pageId === undefined ? nextPageId() : overrides.pageId,
      overrides.parentPageId === undefined ? '100' : overrides.parentPageId,
      completedAt?.toISOString() ?? null,
    ],
  );
  return rows[0]!.id;
}

export async function makeAdmin(db: Db, eventId: string, accountId: string, role: 'primary' | 'co_admin' = 'primary') {
  await makeUser(db, accountId);
  await db.query('insert into event_admin (event_id, account_id, role) values ($1, $2, $3)', [eventId, accountId, role]);
}

export interface HackOverrides {
  title?: string;
  ownerAccountId?: string | null;
  submitted?: boolean;
}

export async function makeHack(db: Db, eventId: string, overrides: HackOverrides = {}): Promise<string> {
  const owner = overrides.ownerAccountId === undefined ? await makeUser(db, 'hack-owner') : overrides.ownerAccountId;
  const rows = await db.query<{ id: string }>(
    `insert into hack (event_id, title, owner_account_id, submitted_at) values ($1, $2, $3, $4) returning id`,
    [eventId, overrides.title ?? `Hack ${randomUUID().slice(0, 6)}`, owner, overrides.submitted === false ? null : new Date().toISOString()],
  );
  return rows[0]!.id;
}

/** Every row of the domain tables, for "stored state unchanged" assertions. */
export async function snapshotDomain(db: Db): Promise<Record<string, unknown[]>> {
  const tables = ['event', 'event_admin', 'hack', 'library_hack', 'event_sync_state', 'event_audit_log', 'users'];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    snapshot[table] = await db.query(`select * from ${table} order by 1, 2`);
  }
  return snapshot;
}

/** An event ready to sync: `adminAccountId` as its primary admin, `valid` good hacks and `invalid` with a blank title. */
export async function makeSyncableEvent(db: Db, adminAccountId: string, valid: number, invalid = 0): Promise<string> {
  const eventId = await makeEvent(db);
  await makeAdmin(db, eventId, adminAccountId);
  for (let i = 0; i < valid; i += 1) await makeHack(db, eventId);
  for (let i = 0; i < invalid; i += 1) await makeHack(db, eventId, { title: ' ' });
  return eventId;
}
