import type { SiteId } from '../../src/shared/site';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabaseAdmin } from '../../src/app/database-admin';
import type { Envelope } from '../../src/contract/envelope';
import { backupRowPages, verifyBackupFile } from '../../src/ops/backup-file';
import { takeBackup } from '../../src/ops/backup-runner';
import { restoreUnderHold } from '../../src/ops/site-restore';
import { makeSyncableEvent } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// A restore while the app serves: the site's calls are held, so no write acknowledged to anyone is
// lost. On a PostgreSQL server, with real concurrent connections (`.ci/run` provides one).
const serverUrl = process.env.HDC_TEST_DATABASE_URL;

if (!serverUrl && process.env.CI) {
  test('CI provides a Postgres server', () => {
    throw new Error('HDC_TEST_DATABASE_URL is not set: .ci/run must start a server (scripts/start-test-postgres.sh)');
  });
}

const ADMIN = 'hold-admin';

(serverUrl ? describe : describe.skip)('a site held by a restore, on a PostgreSQL server', () => {
  const resolvers = useResolversOnTestDatabase(undefined, serverUrl);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hdc-hold-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const store = (site: SiteId = TEST_SITE) => resolvers.db.operationsStore(site);
  const complete = (eventId: string, site = TEST_SITE) =>
    resolvers.invoke('sync.complete', { eventId }, ADMIN, {}, site);
  const syncedInLive = async () =>
    new Set(
      (
        await resolvers.db.sql.query<{ id: string }>(
          `select event_id as id from event_sync_state where site_id = $1 and status = 'complete'`,
          [TEST_SITE],
        )
      ).map((row) => row.id),
    );

  async function syncedInBackup(file: string): Promise<Set<string>> {
    const synced = new Set<string>();
    for await (const page of backupRowPages(file, 1000)) {
      for (const row of page)
        if (row.table === 'event_sync_state' && row.row.status === 'complete') synced.add(String(row.row.event_id));
    }
    return synced;
  }

  test("while held, every call of the site but the holder's is refused as retryable, other sites are served, and the release lets them in", async () => {
    const [held, other] = [
      await makeSyncableEvent(resolvers.db.sql, ADMIN, 1),
      await makeSyncableEvent(resolvers.db.sql, ADMIN, 1, 0, { site: OTHER_SITE }),
    ];
    const hold = await store().holdSite('cli:operator', 'restore');

    const refused = await complete(held);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'transient',
        retryable: true,
        message: expect.stringMatching(
          /A restore of this site is in progress \(run by cli:operator, since .+ UTC\); try again in a minute/,
        ),
      },
    });
    expect(await resolvers.invoke('registry.list', { parentPageId: '100' }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'transient' },
    });
    expect(await complete(other, OTHER_SITE)).toMatchObject({ ok: true });
    // The holder's own calls go through (and extend the hold).
    expect((await store().within(hold).siteFigures()).tables.event?.rows).toBe(1);
    await expect(store().holdSite('cli:someone-else', 'restore')).rejects.toMatchObject({
      code: 'transient',
      message: expect.stringContaining('cli:operator'),
    });
    // The CLI's seeds write over SQL directly: held too.
    await expect(
      createDatabaseAdmin(resolvers.db.sql).seedBulk({
        site: TEST_SITE,
        events: 1,
        hacksPerEvent: 1,
        parentPageId: '900',
      }),
    ).rejects.toMatchObject({ code: 'transient', retryable: true });

    expect(await store().releaseSite(hold, 'cli:operator')).toBe(true);
    expect(await store().releaseSite(hold, 'cli:operator')).toBe(false);
    expect(await complete(held)).toMatchObject({ ok: true });
    const audit = await resolvers.db.sql.query<{ action: string }>(
      `select action from ops_audit_log where site_id = $1 and action in ('site_held', 'site_released') order by id`,
      [TEST_SITE],
    );
    expect(audit.map((row) => row.action)).toEqual(['site_held', 'site_released']);
  });

  test("taking the hold waits for the site's write in flight to commit, so the pre-restore backup holds it", async () => {
    const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
    const writer = new Client({ connectionString: resolvers.db.url! });
    await writer.connect();
    try {
      // A call of the site in flight: it has passed its hold check and not committed yet.
      await writer.query('begin');
      await writer.query(`select hdc_begin_call($1::hdc_site)`, [TEST_SITE]);
      await writer.query(`update event set name = 'Written in flight' where id = $1`, [eventId]);
      const taking = store().holdSite('cli:operator', 'restore');
      // The taker waits on the site's lock while the writer holds it.
      for (let waiting = 0; waiting === 0;) {
        const [row] = await resolvers.db.sql.query<{ n: number }>(
          `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
        );
        waiting = row!.n;
      }
      await writer.query('commit');
      const hold = await taking;
      const file = join(dir, 'in-flight.hdcbak.gz');
      await takeBackup(store().within(hold), {
        file,
        actor: 'cli:operator',
        kind: 'pre_restore',
        includeTelemetry: true,
      });
      const names: string[] = [];
      for await (const page of backupRowPages(file, 1000))
        for (const row of page) if (row.table === 'event') names.push(String(row.row.name));
      expect(names).toEqual(['Written in flight']);
      await store().releaseSite(hold, 'cli:operator');
    } finally {
      await writer.end();
    }
  });

  test('a holder that lets its hold lapse is refused, and the site is served again', async () => {
    const eventId = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
    const hold = await store().holdSite('cli:operator', 'restore');
    // Time passes: the lease ends without a call of its holder.
    await resolvers.db.sql.query(
      `update ops_site_hold set since = since - interval '1 hour', until = now() - interval '1 second'`,
    );
    expect(await complete(eventId)).toMatchObject({ ok: true });
    await expect(store().within(hold).siteFigures()).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/no longer holds site/),
    });
  });

  test('a restore while writers go through the resolvers loses no acknowledged write: each is live or in the pre-restore backup', async () => {
    const events: string[] = [];
    for (let i = 0; i < 60; i += 1) events.push(await makeSyncableEvent(resolvers.db.sql, ADMIN, 1));
    const otherEvents: string[] = [];
    for (let i = 0; i < 5; i += 1)
      otherEvents.push(await makeSyncableEvent(resolvers.db.sql, ADMIN, 1, 0, { site: OTHER_SITE }));
    const before = join(dir, 'before.hdcbak.gz');
    await takeBackup(store(), { file: before, actor: 'cli:operator', kind: 'manual', includeTelemetry: true });
    const backup = await verifyBackupFile(before);

    const acknowledged: string[] = [];
    const refusedDuringHold: Envelope<unknown>[] = [];
    const otherSiteDuringHold: Promise<Envelope<unknown>>[] = [];
    let restoring = true;
    // Four writers, each through its own slice of events; a refused write is tried again until it lands.
    const writer = async (slice: string[]) => {
      for (const eventId of slice) {
        for (;;) {
          const reply = await complete(eventId);
          if (reply.ok) {
            acknowledged.push(eventId);
            break;
          }
          expect(reply.error).toMatchObject({ code: 'transient', retryable: true });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (!restoring) return;
      }
    };
    const writers = [0, 1, 2, 3].map((n) => writer(events.filter((_, index) => index % 4 === n)));
    while (acknowledged.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));

    const preRestore = join(dir, 'pre-restore.hdcbak.gz');
    const outcome = await restoreUnderHold(store(), backup, before, {
      site: TEST_SITE,
      actor: 'cli:operator',
      kind: 'restore',
      refusal: () => null,
      preRestoreFile: () => preRestore,
      progress: (_done, _total, what) => {
        // Inside the hold (staging the restore): a write of this site is refused, another site's is served.
        if (what === 'rows staged' && refusedDuringHold.length === 0) {
          refusedDuringHold.push({ ok: false, error: { code: 'internal', message: 'pending' } });
          void complete(events.at(-1)!).then((reply) => refusedDuringHold.splice(0, 1, reply));
          otherSiteDuringHold.push(complete(otherEvents[0]!, OTHER_SITE));
        }
      },
    });
    restoring = false;
    await Promise.all(writers);
    // Settle the call made during the hold.
    while (refusedDuringHold[0]?.ok === false && refusedDuringHold[0].error.message === 'pending')
      await new Promise((resolve) => setTimeout(resolve, 5));

    expect(outcome.preRestoreBackup).toBe(preRestore);
    expect(refusedDuringHold[0]).toMatchObject({ ok: false, error: { code: 'transient', retryable: true } });
    expect(await Promise.all(otherSiteDuringHold)).toEqual([expect.objectContaining({ ok: true })]);
    const live = await syncedInLive();
    const kept = await syncedInBackup(preRestore);
    const lost = acknowledged.filter((eventId) => !live.has(eventId) && !kept.has(eventId));
    expect({ acknowledged: acknowledged.length > 4, lost }).toEqual({ acknowledged: true, lost: [] });
  });
});
