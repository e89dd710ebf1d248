import { EXPECTED_SCHEMA_VERSION } from '../../src/shared/release';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { verifyBackupFile } from '../../src/ops/backup-file';
import { applyRestore, planRestore, takeBackup } from '../../src/ops/backup-runner';
import { makeSyncableEvent, snapshotDomain, snapshotSite } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

const suite = useServicesOnTestDatabase();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hdc-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const store = () => suite.db.operationsStore(TEST_SITE);
const backup = (name: string, includeTelemetry = true) =>
  takeBackup(store(), { file: join(dir, name), actor: 'cli:test', kind: 'manual', includeTelemetry });

/** Two synced events with admins, hacks, library rows and audit rows; an operator; some telemetry. */
async function siteWithData() {
  const sql = suite.db.sql;
  const first = await makeSyncableEvent(sql, 'admin-1', 3, 1);
  const second = await makeSyncableEvent(sql, 'admin-2', 2);
  await suite.services.sync.completeAndSync({ accountId: 'admin-1' }, first);
  await suite.services.sync.completeAndSync({ accountId: 'admin-2' }, second);
  await suite.services.operators.add('operator-1', 'test');
  await suite.services.flushTelemetry();
  return { first, second };
}

test('a backup is one verified file: manifest with rows and content hash per table, checksum, catalogued and audited', async () => {
  await siteWithData();
  const result = await backup('one.hdcbak.gz');
  const verified = await verifyBackupFile(result.file);
  expect(verified).toMatchObject({ totalRows: result.totalRows, payloadSha256: result.payloadSha256 });
  expect(verified.header).toMatchObject({
    format: 'hdc-ops-backup',
    site: TEST_SITE,
    schemaVersion: EXPECTED_SCHEMA_VERSION,
    includesTelemetry: true,
  });
  const byName = Object.fromEntries(verified.header.tables.map((t) => [t.name, t]));
  expect(byName['event']?.rows).toBe(2);
  expect(byName['hack']?.rows).toBe(6);
  expect(byName['library_hack']?.rows).toBe(5);
  expect(byName['telemetry_event']?.rows).toBeGreaterThan(0);
  // The hash is the database's own figure for the table, order-independent.
  const figures = await store().siteFigures();
  expect(figures.tables['hack']?.contentHash).toBe(byName['hack']?.contentHash);
  const [catalogued] = await suite.db.sql.query<{ kind: string; total_rows: string }>(
    'select kind, total_rows from ops_backup',
  );
  expect(catalogued).toEqual({ kind: 'manual', total_rows: expect.anything() });
  expect(Number(catalogued!.total_rows)).toBe(result.totalRows);
  expect(await suite.db.sql.query("select actor, action from ops_audit_log where action = 'backup_taken'")).toEqual([
    { actor: 'cli:test', action: 'backup_taken' },
  ]);
  // The snapshot was dropped from the staging tables.
  expect(await suite.db.sql.query('select count(*)::int as n from ops_transfer_row')).toEqual([{ n: 0 }]);
});

test('--no-telemetry leaves raw telemetry out, and a restore of it leaves the raw telemetry as it is', async () => {
  await siteWithData();
  const result = await backup('no-telemetry.hdcbak.gz', false);
  expect(result.manifest.tables.map((t) => t.name)).not.toContain('telemetry_event');
  const plan = await planRestore(store(), result.file, TEST_SITE);
  expect(plan.keptAsIs).toEqual(['telemetry_event']);
  const before = await suite.db.sql.query('select count(*)::int as n from telemetry_event');
  await applyRestore(store(), plan, 'cli:test');
  expect(await suite.db.sql.query('select count(*)::int as n from telemetry_event')).toEqual(before);
});

test("restore replaces the site's data in one transaction and verifies it; other sites are untouched", async () => {
  await siteWithData();
  const other = await makeSyncableEvent(suite.db.sql, 'admin-9', 1, 0, { site: OTHER_SITE });
  const otherBefore = await snapshotSite(suite.db.sql, OTHER_SITE);
  const taken = await backup('before-changes.hdcbak.gz');
  const domainAtBackup = await snapshotDomain(suite.db.sql);
  // Changes after the backup: a new event, a deleted operator.
  await makeSyncableEvent(suite.db.sql, 'admin-3', 1);
  await suite.services.operators.remove('operator-1', 'test');

  const plan = await planRestore(store(), taken.file, TEST_SITE);
  expect(plan.tables.find((t) => t.name === 'event')).toMatchObject({ rowsNow: 3 + 0, rowsInBackup: 2, changes: true });
  const outcome = await applyRestore(store(), plan, 'cli:test');
  expect(outcome.applied).toMatchObject({ verified: true, rowsAfter: { event: 2 } });
  // Identity values and every column came back as they were (the other site's rows included, untouched).
  const domainNow = await snapshotDomain(suite.db.sql);
  for (const table of ['event', 'hack', 'library_hack', 'event_sync_state', 'event_audit_log', 'event_admin']) {
    expect(domainNow[table]?.filter((row) => (row as { site_id: string }).site_id === TEST_SITE)).toEqual(
      domainAtBackup[table]?.filter((row) => (row as { site_id: string }).site_id === TEST_SITE),
    );
  }
  expect(await snapshotSite(suite.db.sql, OTHER_SITE)).toEqual(otherBefore);
  expect(other).toBeDefined();
  expect(await suite.services.operators.list()).toEqual([expect.objectContaining({ accountId: 'operator-1' })]);
  // New audit rows continue after the restored ids.
  const [audit] = await suite.db.sql.query<{ action: string }>(
    "select action from ops_audit_log where action = 'restore_applied'",
  );
  expect(audit).toEqual({ action: 'restore_applied' });
  await suite.services.operators.add('operator-2', 'test');
});

test('a damaged or edited file is refused before anything changes', async () => {
  await siteWithData();
  const taken = await backup('good.hdcbak.gz');
  const text = gunzipSync(readFileSync(taken.file)).toString('utf8');
  const edited = join(dir, 'edited.hdcbak.gz');
  writeFileSync(edited, gzipSync(text.replace('"admin-1"', '"admin-X"')));
  const truncated = join(dir, 'truncated.hdcbak.gz');
  writeFileSync(truncated, readFileSync(taken.file).subarray(0, 200));
  const before = await snapshotDomain(suite.db.sql);
  await expect(planRestore(store(), edited, TEST_SITE)).rejects.toMatchObject({
    code: 'validation',
    message: expect.stringMatching(/SHA-256 does not match/),
  });
  await expect(planRestore(store(), truncated, TEST_SITE)).rejects.toMatchObject({
    code: 'validation',
    message: expect.stringMatching(/not (complete gzip|usable)/),
  });
  await expect(planRestore(store(), join(dir, 'missing.gz'), TEST_SITE)).rejects.toMatchObject({
    code: 'validation',
    message: expect.stringMatching(/No backup file/),
  });
  await expect(planRestore(suite.db.operationsStore(OTHER_SITE), taken.file, OTHER_SITE)).rejects.toMatchObject({
    code: 'validation',
    guidance: expect.stringContaining(`--site ${TEST_SITE}`),
  });
  expect(await snapshotDomain(suite.db.sql)).toEqual(before);
});

test('a restore whose rows do not match the manifest rolls back entirely', async () => {
  await siteWithData();
  const taken = await backup('tamper.hdcbak.gz');
  await makeSyncableEvent(suite.db.sql, 'admin-3', 1);
  const before = await snapshotDomain(suite.db.sql);
  const plan = await planRestore(store(), taken.file, TEST_SITE);
  // The staged rows are changed in the database between staging and applying (a damaged transfer).
  await suite.db.sql.exec(`create or replace function hdc_test_tamper() returns trigger language plpgsql as $$
    begin new.row := new.row || '{"title": "tampered"}'::jsonb; return new; end $$`);
  await suite.db.sql.exec(
    `create trigger hdc_test_tamper before insert on ops_transfer_row for each row when (new.table_name = 'hack') execute function hdc_test_tamper()`,
  );
  try {
    await expect(applyRestore(store(), plan, 'cli:test')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/After the restore, hack holds 6 rows with hash \w+, the backup 6 rows/),
    });
  } finally {
    await suite.db.sql.exec('drop trigger hdc_test_tamper on ops_transfer_row; drop function hdc_test_tamper()');
  }
  expect(await snapshotDomain(suite.db.sql)).toEqual(before);
  expect(await suite.db.sql.query('select count(*)::int as n from ops_transfer')).toEqual([{ n: 0 }]);
});

test('a file of another schema version is refused with the command to use', async () => {
  await siteWithData();
  const taken = await backup('old-schema.hdcbak.gz');
  await suite.db.sql.query('insert into hdc_schema_migration (version, name, checksum) values ($1, $2, $3)', [
    EXPECTED_SCHEMA_VERSION + 1,
    'future',
    'x',
  ]);
  try {
    await expect(planRestore(store(), taken.file, TEST_SITE)).rejects.toMatchObject({
      code: 'validation',
      guidance: expect.stringMatching(/hdc-ops rollback --backup/),
    });
  } finally {
    await suite.db.sql.query('delete from hdc_schema_migration where version = $1', [EXPECTED_SCHEMA_VERSION + 1]);
  }
});

test('a killed backup or restore leaves nothing behind once the next backup, restore or retention pass starts; a live one is left alone', async () => {
  await siteWithData();
  const sql = suite.db.sql;
  const staged = async () => (await sql.query<{ n: number }>('select count(*)::int as n from ops_transfer_row'))[0]!.n;
  // Killed half-way: a snapshot never paged out, a restore staged and never applied.
  const killedBackup = await store().backupStart('cli:killed', true);
  const manifest = killedBackup.manifest;
  const killedRestore = await store().restoreBegin('cli:killed', manifest);
  await store().restoreStage(killedRestore, {
    text: JSON.stringify({ seq: 0, table: 'event', row: { name: 'staged' } }),
    rows: 1,
  });
  expect(await staged()).toBeGreaterThan(0);

  // Within its lease, staging may still be in use: another backup leaves it alone.
  await backup('while-live.hdcbak.gz');
  expect((await sql.query('select id from ops_transfer order by created_at')).length).toBe(2);

  // Time passes: nobody touched them for longer than the lease.
  await sql.query(`update ops_transfer set touched_at = touched_at - interval '3 minutes'`);
  await backup('next.hdcbak.gz');
  expect({ transfers: (await sql.query('select 1 from ops_transfer')).length, rows: await staged() }).toEqual({
    transfers: 0,
    rows: 0,
  });
  expect(await sql.query(`select actor, detail from ops_audit_log where action = 'staging_removed'`)).toEqual([
    { actor: 'cli:test', detail: { transfers: 2 } },
  ]);

  // A retention pass (the sampler's pruning) removes it too.
  await store().backupStart('cli:killed', false);
  await sql.query(`update ops_transfer set touched_at = touched_at - interval '3 minutes'`);
  await sql.query(`select hdc_prune($1, 'idempotent_replies', now(), 10, 'hdc-sampler')`, [TEST_SITE]);
  expect({ transfers: (await sql.query('select 1 from ops_transfer')).length, rows: await staged() }).toEqual({
    transfers: 0,
    rows: 0,
  });
});

test('the recovery service restores into an empty site without --replace and takes no pre-restore backup (the hold’s own audit row is not site data)', async () => {
  await siteWithData();
  const taken = await backup('to-empty-site.hdcbak.gz');
  const atBackup = await snapshotDomain(suite.db.sql);
  await suite.db.reset();
  const recovery = suite.services.recovery;
  const plan = await recovery.planRestore(taken.file);
  expect(plan.rowsNow).toBe(0);
  const asked: string[] = [];
  const outcome = await recovery.restore(plan, {
    actor: 'cli:test',
    replace: false,
    automaticBackupFile: () => {
      asked.push('pre-restore');
      return join(dir, 'unexpected.hdcbak.gz');
    },
  });
  expect(outcome.applied.verified).toBe(true);
  expect(outcome.preRestoreBackup).toBeNull();
  expect(asked).toEqual([]);
  expect((await snapshotDomain(suite.db.sql)).event).toEqual(atBackup.event);

  // With the site's rows back, the same restore without replace is refused under the hold, and nothing changes.
  const again = await recovery.planRestore(taken.file);
  await expect(
    recovery.restore(again, { actor: 'cli:test', replace: false, automaticBackupFile: () => join(dir, 'x.gz') }),
  ).rejects.toMatchObject({ code: 'validation', message: expect.stringMatching(/already holds \d+ rows/) });
  expect((await snapshotDomain(suite.db.sql)).event).toEqual(atBackup.event);
});

test('every site table is backed up but the five excluded by name: a new site table needs nobody to list it', async () => {
  const siteTables = (await suite.db.sql.query<{ name: string }>('select name from hdc_site_tables() as t(name)')).map(
    (row) => row.name,
  );
  const backedUp = (
    await suite.db.sql.query<{ name: string }>('select table_name as name from hdc_backup_tables()')
  ).map((row) => row.name);
  expect(siteTables.filter((name) => !backedUp.includes(name))).toEqual([
    'ops_backup',
    'ops_drill',
    'ops_site_hold',
    'ops_transfer',
    'ops_transfer_row',
  ]);

  // A table a later migration might add, with a parent among the site's tables: backed up and restored.
  await siteWithData();
  await suite.db.sql.exec(`create table zz_event_note (site_id hdc_site not null, id bigserial primary key,
    event_id uuid not null references event (id), note text not null)`);
  try {
    const [event] = await suite.db.sql.query<{ id: string }>('select id from event where site_id = $1 limit 1', [
      TEST_SITE,
    ]);
    await suite.db.sql.query('insert into zz_event_note (site_id, event_id, note) values ($1, $2, $3)', [
      TEST_SITE,
      event!.id,
      'kept',
    ]);
    const order = (
      await suite.db.sql.query<{ name: string }>(
        'select table_name as name from hdc_backup_tables() order by table_position',
      )
    ).map((row) => row.name);
    expect(order.indexOf('zz_event_note')).toBeGreaterThan(order.indexOf('event'));
    const taken = await backup('with-new-table.hdcbak.gz');
    expect(taken.manifest.tables).toContainEqual(expect.objectContaining({ name: 'zz_event_note', rows: 1 }));
    await suite.db.sql.query(`update zz_event_note set note = 'changed'`);
    const plan = await suite.services.recovery.planRestore(taken.file);
    await suite.services.recovery.restore(plan, {
      actor: 'cli:test',
      replace: true,
      automaticBackupFile: () => join(dir, 'before-new-table-restore.hdcbak.gz'),
    });
    expect(await suite.db.sql.query('select note from zz_event_note')).toEqual([{ note: 'kept' }]);
  } finally {
    await suite.db.sql.exec('drop table zz_event_note');
  }
});
