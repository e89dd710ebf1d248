import { randomUUID } from 'node:crypto';
import type { EventLifecycle } from '../../src/contract/lifecycle';
import type { SiteId } from '../../src/shared/site';
import type { SqlTransaction } from '../../src/store/sql-executor';
import { SITE_TABLES_QUERY } from './test-database';
import { TEST_SITE } from './test-sites';

type Db = Pick<SqlTransaction, 'query'>;

let pageCounter = 900_000;
const nextPageId = (): string => String((pageCounter += 1));

async function makeUser(
  db: Db,
  accountId: string = `acct-${randomUUID().slice(0, 8)}`,
  site: SiteId = TEST_SITE,
): Promise<string> {
  await db.query('insert into users (site_id, account_id) values ($1, $2) on conflict do nothing', [site, accountId]);
  return accountId;
}

/** The site an event belongs to, so that its admins and hacks are written on the same site. */
async function siteOfEvent(db: Db, eventId: string): Promise<SiteId> {
  const [row] = await db.query<{ site_id: SiteId }>('select site_id from event where id = $1', [eventId]);
  return row!.site_id;
}

export interface EventOverrides {
  site?: SiteId;
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
    `insert into event (site_id, name, lifecycle, confluence_page_id, confluence_parent_page_id, completed_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      overrides.site ?? TEST_SITE,
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
  const site = await siteOfEvent(db, eventId);
  await makeUser(db, accountId, site);
  await db.query('insert into event_admin (site_id, event_id, account_id, role) values ($1, $2, $3, $4)', [
    site,
    eventId,
    accountId,
    role,
  ]);
}

export interface HackOverrides {
  title?: string;
  ownerAccountId?: string | null;
  submitted?: boolean;
}

export async function makeHack(db: Db, eventId: string, overrides: HackOverrides = {}): Promise<string> {
  const site = await siteOfEvent(db, eventId);
  const owner = overrides.ownerAccountId === undefined ? 'hack-owner' : overrides.ownerAccountId;
  if (owner !== null) await makeUser(db, owner, site);
  const rows = await db.query<{ id: string }>(
    `insert into hack (site_id, event_id, title, owner_account_id, submitted_at) values ($1, $2, $3, $4, $5) returning id`,
    [
      site,
      eventId,
      overrides.title ?? `Hack ${randomUUID().slice(0, 6)}`,
      owner,
      overrides.submitted === false ? null : new Date().toISOString(),
    ],
  );
  return rows[0]!.id;
}

/** Every row of the domain tables, for "stored state unchanged" assertions. */
export async function snapshotDomain(db: Db): Promise<Record<string, unknown[]>> {
  const tables = [
    'event',
    'event_admin',
    'hack',
    'library_hack',
    'event_sync_state',
    'event_audit_log',
    'users',
    'idempotent_reply',
  ];
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tables) {
    snapshot[table] = await db.query(`select * from ${table} t order by t::text`);
  }
  return snapshot;
}

/** An event ready to sync: `adminAccountId` as its primary admin, `valid` good hacks and `invalid` with a blank title. */
export async function makeSyncableEvent(
  db: Db,
  adminAccountId: string,
  valid: number,
  invalid = 0,
  overrides: EventOverrides = {},
): Promise<string> {
  const eventId = await makeEvent(db, overrides);
  await makeAdmin(db, eventId, adminAccountId);
  for (let i = 0; i < valid; i += 1) await makeHack(db, eventId);
  for (let i = 0; i < invalid; i += 1) await makeHack(db, eventId, { title: ' ' });
  return eventId;
}

/** Every row one site owns, in every table, for "nothing of this site changed" assertions. */
export async function snapshotSite(db: Db, site: SiteId): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of await db.query<{ name: string }>(SITE_TABLES_QUERY)) {
    snapshot[name] = await db.query(`select * from ${name} t where site_id = $1 order by t::text`, [site]);
  }
  return snapshot;
}
