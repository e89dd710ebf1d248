import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { LOCAL_SITE_ID as LOCAL_SITE } from '../../src/shared/site';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

// A site's data leaves: hdc-ops sites list [--json] and hdc-ops site erase --site S --confirm S, on the
// demo seeded into two sites of one embedded database.
const OTHER = 'ari:cloud:confluence::site/leaving-customer';
const runner = useCliOnEmbeddedDatabase();
const run = (args: string[]) =>
  runner.cli(args, { HDC_PARENT_PAGE_ID: '1000001', HDC_BACKUP_DIR: join(runner.workDir, 'backups') });

async function rowsOf(site: string): Promise<number> {
  const sql = await openPgliteExecutor(runner.dataDir);
  try {
    const tables = await sql.query<{ name: string }>('select hdc_site_tables() as name');
    let rows = 0;
    for (const { name } of tables)
      rows += Number(
        (await sql.query<{ n: string }>(`select count(*) as n from ${name} where site_id = $1`, [site]))[0]!.n,
      );
    return rows;
  } finally {
    await sql.close();
  }
}

beforeAll(async () => {
  expect((await run(['migrate'])).code).toBe(0);
  expect((await run(['seed', '--demo'])).code).toBe(0);
  expect((await run(['seed', '--demo', '--site', OTHER])).code).toBe(0);
});

test('sites list: every site with its rows, installation and last activity', async () => {
  const listed = await run(['sites', 'list', '--json']);
  expect(listed.code).toBe(0);
  const sites = JSON.parse(listed.out) as { site: string; rows: number; inactive: boolean }[];
  expect(sites.map((site) => site.site).sort()).toEqual([LOCAL_SITE, OTHER].sort());
  for (const site of sites) expect(site.rows).toBe(await rowsOf(site.site));
  const text = await run(['sites', 'list']);
  expect(text.out).toMatch(/Inactive: no call and no audited change for 90 days/);
});

test('site erase refuses without --confirm naming the same site, changing nothing', async () => {
  const before = await rowsOf(OTHER);
  const missing = await run(['site', 'erase', '--site', OTHER, '--confirm', LOCAL_SITE]);
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/--confirm with the same site/);
  expect(await rowsOf(OTHER)).toBe(before);
});

test('a final backup that cannot be written stops the erase before anything is erased', async () => {
  const before = await rowsOf(OTHER);
  // The backup folder's path goes through a file: no folder can be made there (whoever runs the tests).
  const file = join(runner.workDir, 'not-a-folder');
  writeFileSync(file, '');
  const failed = await runner.cli(['site', 'erase', '--site', OTHER, '--confirm', OTHER], {
    HDC_PARENT_PAGE_ID: '1000001',
    HDC_BACKUP_DIR: join(file, 'backups'),
  });
  expect(failed.code).not.toBe(0);
  expect(await rowsOf(OTHER)).toBe(before);
});

test('site erase: a verified final backup, then no row of the site, logged where no site owns it; the other site untouched', async () => {
  const otherBefore = await rowsOf(LOCAL_SITE);
  const erased = await run(['site', 'erase', '--site', OTHER, '--confirm', OTHER, '--json']);
  expect(erased.code).toBe(0);
  const reply = JSON.parse(erased.out) as { rows: number; backup: string };
  expect(reply.rows).toBeGreaterThan(0);
  expect(existsSync(reply.backup)).toBe(true);
  expect(await rowsOf(OTHER)).toBe(0);
  expect(await rowsOf(LOCAL_SITE)).toBe(otherBefore);
  const sql = await openPgliteExecutor(runner.dataDir);
  try {
    const log = await sql.query<{ site_id: string; rows_erased: string; backup_file: string }>(
      'select site_id, rows_erased, backup_file from hdc_site_erasure',
    );
    expect(log).toEqual([{ site_id: OTHER, rows_erased: expect.anything(), backup_file: reply.backup }]);
    expect(Number(log[0]!.rows_erased)).toBe(reply.rows);
  } finally {
    await sql.close();
  }
  const listed = JSON.parse((await run(['sites', 'list', '--json'])).out) as { site: string }[];
  expect(listed.map((site) => site.site)).toEqual([LOCAL_SITE]);
  // The final backup restores the site (a customer who comes back within the retention period).
  const restored = await run(['restore', reply.backup, '--site', OTHER]);
  expect(restored.code).toBe(0);
  expect(await rowsOf(OTHER)).toBeGreaterThan(0);
});
