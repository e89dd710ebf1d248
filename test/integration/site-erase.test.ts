import { createRecoveryService } from '../../src/ops/recovery-service';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app/create-app';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { databaseOutage } from '../helpers/database-outage';
import { openTestDatabase, TEST_SETTINGS } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// The erase of a site (src/ops/site-erase.ts) against its users: two operators at once, the database
// down half-way, a retry.
let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL);
  dir = mkdtempSync(join(tmpdir(), 'hdc-site-erase-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await db.reset();
  for (const site of [TEST_SITE, OTHER_SITE]) {
    const eventId = await makeEvent(db.sql, { site });
    await makeAdmin(db.sql, eventId, 'person-a');
    await makeHack(db.sql, eventId, { ownerAccountId: 'person-a' });
  }
});

let files = 0;
const nextFile = () => join(dir, `final-${(files += 1)}.hdcbak.gz`);
const rowsOf = async (site: string) => {
  const tables = await db.sql.query<{ name: string }>('select hdc_site_tables() as name');
  let rows = 0;
  for (const { name } of tables)
    rows += Number(
      (await db.sql.query<{ n: string }>(`select count(*) as n from ${name} where site_id = $1`, [site]))[0]!.n,
    );
  return rows;
};

test('two erases at once: one holds the site and erases it, the other is refused while it runs', async () => {
  const services = () => db.app().servicesFor({ site: TEST_SITE });
  const other = await rowsOf(OTHER_SITE);
  const outcomes = await Promise.allSettled([
    services().recovery.erase({ actor: 'cli:one', file: nextFile() }),
    services().recovery.erase({ actor: 'cli:two', file: nextFile() }),
  ]);
  const done = outcomes.filter((outcome) => outcome.status === 'fulfilled');
  expect(done.length).toBeGreaterThanOrEqual(1);
  for (const outcome of outcomes)
    if (outcome.status === 'rejected')
      expect(outcome.reason).toMatchObject({ code: expect.stringMatching(/conflict|transient/) });
  expect(await rowsOf(TEST_SITE)).toBe(0);
  expect(await rowsOf(OTHER_SITE)).toBe(other);
  expect(Number((await db.sql.query<{ n: string }>('select count(*) as n from hdc_site_erasure'))[0]!.n)).toBe(
    done.length,
  );
});

test('the database down at the erase: the final backup is written, nothing is erased, the hold ends; the retry erases', async () => {
  const before = await rowsOf(TEST_SITE);
  const outage = databaseOutage(db.rpc);
  outage.down(['hdc_site_erase']);
  const app = createApp({
    rpc: outage.rpc,
    settings: TEST_SETTINGS,
    log: () => undefined,
    recovery: createRecoveryService,
  });
  await expect(
    app.servicesFor({ site: TEST_SITE }).recovery.erase({ actor: 'cli:one', file: nextFile() }),
  ).rejects.toMatchObject({
    code: 'unavailable',
  });
  outage.up();
  // Nothing erased, and the site answers again (the hold was released).
  expect(await rowsOf(TEST_SITE)).toBeGreaterThanOrEqual(before);
  const services = db.app().servicesFor({ site: TEST_SITE });
  expect((await services.registry.list({ parentPageId: '100', limit: 10 })).events.length).toBe(1);
  const erased = await services.recovery.erase({ actor: 'cli:one', file: nextFile() });
  expect(erased.rows).toBeGreaterThan(0);
  expect(await rowsOf(TEST_SITE)).toBe(0);
});

test('a call without the erase hold cannot erase the site', async () => {
  await expect(
    db.sql.query(
      `select hdc_site_erase($1, gen_random_uuid(), 'cli:x', '{"file": "f", "sha256": "${'0'.repeat(64)}"}')`,
      [TEST_SITE],
    ),
  ).rejects.toThrow(/no longer holds|erase hold/);
  expect(await rowsOf(TEST_SITE)).toBeGreaterThan(0);
});
