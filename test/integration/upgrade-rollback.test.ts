import { DEMO_EVENTS } from '../../src/seed/demo-hdc';
import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyRestore, planRestore, takeBackup } from '../../src/ops/backup-runner';
import { seedDemo } from '../../src/seed/seed-demo';
import { checksumOf, readMigrationFiles } from '../../src/store/migration-files';
import type { MigrationFile } from '../../src/store/migration-files';
import { planMigrations, runMigrations } from '../../src/store/migration-runner';
import { resetAndMigrate, sitesWithData } from '../../src/store/schema-reset';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// The next release's migration: a new column and a data change, as an upgrade brings.
const UPGRADE_SQL = `alter table event add column tagline text;
update event set name = name || ' (v5)', tagline = 'upgraded';`;
const NEXT = EXPECTED_SCHEMA_VERSION + 1;
const NEXT_FILE = `${String(NEXT).padStart(4, '0')}_next_release.sql`;
const upgrade: MigrationFile = {
  version: NEXT,
  name: 'next_release',
  fileName: NEXT_FILE,
  sql: UPGRADE_SQL,
  checksum: checksumOf(UPGRADE_SQL),
};

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await openTestDatabase(process.env.HDC_TEST_DATABASE_URL || undefined);
  dir = mkdtempSync(join(tmpdir(), 'hdc-upgrade-'));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

test('upgrade → rollback → parity on a database with data: the pre-upgrade backup brings back the schema and every row', async () => {
  await seedDemo(db.sql, TEST_SITE);
  const store = () => db.operationsStore(TEST_SITE);
  const file = join(dir, 'pre-upgrade.hdcbak.gz');
  const taken = await takeBackup(store(), { file, actor: 'cli:test', kind: 'pre_upgrade', includeTelemetry: true });

  // Upgrade: what `hdc-ops migrate` of the next release does.
  const next = [...readMigrationFiles(), upgrade];
  expect(await planMigrations(db.sql, { migrations: next })).toMatchObject({
    schemaVersion: EXPECTED_SCHEMA_VERSION,
    targetVersion: NEXT,
    pending: [NEXT_FILE],
  });
  await runMigrations(db.sql, { migrations: next });
  expect(await db.sql.query("select count(*)::int as n from event where name like '% (v5)'")).toEqual([
    { n: DEMO_EVENTS.length },
  ]);

  // Rollback with this release: its migrations do not know the next one, so it resets the schema and restores.
  await expect(planMigrations(db.sql)).rejects.toMatchObject({ code: 'conflict' });
  expect(await sitesWithData(db.sql)).toEqual([TEST_SITE]);
  await resetAndMigrate(db.sql);
  expect(await planMigrations(db.sql)).toMatchObject({
    schemaVersion: EXPECTED_SCHEMA_VERSION,
    pending: [],
    functions: [],
  });
  const plan = await planRestore(store(), file, TEST_SITE);
  await applyRestore(store(), plan, 'cli:test');

  // Parity: every table's rows and content hash are the backup's (the audit log has the restore's row more).
  const figures = await store().siteFigures();
  for (const table of taken.manifest.tables.filter((t) => t.name !== 'ops_audit_log')) {
    expect({ table: table.name, ...figures.tables[table.name] }).toEqual({
      table: table.name,
      rows: table.rows,
      contentHash: table.contentHash,
    });
  }
  expect(
    await db.sql.query(
      "select count(*)::int as n from information_schema.columns where table_name = 'event' and column_name = 'tagline'",
    ),
  ).toEqual([{ n: 0 }]);
  expect(await db.sql.query("select count(*)::int as n from event where name like '% (v5)'")).toEqual([{ n: 0 }]);
});

test('sitesWithData names every site with rows: with another site, rollback refuses to reset the schema', async () => {
  await db.reset();
  await seedDemo(db.sql, TEST_SITE);
  await seedDemo(db.sql, 'ari:cloud:confluence::site/another');
  expect(await sitesWithData(db.sql)).toEqual(['ari:cloud:confluence::site/another', TEST_SITE]);
});
