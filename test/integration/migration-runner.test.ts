import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checksumOf, readFunctionFiles, readMigrationFiles } from '../../src/store/migration-files';
import type { FunctionFile } from '../../src/store/migration-files';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import type { SqlExecutor } from '../../src/store/sql-executor';

let db: SqlExecutor;
beforeEach(async () => {
  db = await openPgliteExecutor();
});
afterEach(() => db.close());

const functionFile = (name: string, sql: string): FunctionFile => ({
  name,
  fileName: `${name}.sql`,
  sql,
  checksum: checksumOf(sql),
});
const functionState = () =>
  db.query<{ name: string; oid: number; checksum: string; applied_at: string }>(
    `select l.name, p.oid::int as oid, l.checksum, l.applied_at::text
     from hdc_schema_function l join pg_proc p on p.proname = l.name order by l.name`,
  );
const count = async (query: string) => (await db.query<{ n: number }>(query))[0]!.n;

test('migrate applies the baseline and every function file once; running it again is a no-op', async () => {
  const migrations = readMigrationFiles();
  const functions = readFunctionFiles();
  const first = await runMigrations(db);
  expect(first.applied).toEqual(migrations.map((file) => file.fileName));
  expect(first.functions.sort()).toEqual(functions.map((file) => file.name).sort());
  const before = await functionState();
  expect(before).toHaveLength(functions.length);

  expect(await runMigrations(db)).toEqual({ applied: [], functions: [], alreadyApplied: migrations.length });
  expect(await functionState()).toEqual(before);
});

test('every function stands in exactly one file, and no migration defines one', () => {
  const functions = readFunctionFiles();
  expect(new Set(functions.map((file) => file.name)).size).toBe(functions.length);
  for (const file of readMigrationFiles()) expect(file.sql).not.toMatch(/create\s+(or\s+replace\s+)?function/i);
});

test('a changed function file is re-applied alone, and its new body is live', async () => {
  await runMigrations(db);
  // A valid body that differs: the reply now carries an extra key.
  const edited = readFunctionFiles().map((file) =>
    file.name === 'hdc_error_reply'
      ? functionFile(
          file.name,
          file.sql.replace("jsonb_build_object('hdcError'", "jsonb_build_object('edited', true, 'hdcError'"),
        )
      : file,
  );
  expect(await runMigrations(db, { functions: edited })).toEqual({
    applied: [],
    functions: ['hdc_error_reply'],
    alreadyApplied: readMigrationFiles().length,
  });
  expect(await db.query(`select hdc_error_reply('HDC04', 'm', null) ->> 'edited' as edited`)).toEqual([
    { edited: 'true' },
  ]);
});

test('a function whose signature changed without a migration that drops the old one stops everything', async () => {
  await runMigrations(db);
  const widened = readFunctionFiles().map((file) =>
    file.name === 'hdc_error_reply'
      ? functionFile(
          file.name,
          file.sql.replace('p_hint text) returns jsonb', 'p_hint text, p_extra text default null) returns jsonb'),
        )
      : file,
  );
  await expect(runMigrations(db, { functions: widened })).rejects.toMatchObject({
    code: 'conflict',
    message: expect.stringContaining('hdc_error_reply would exist 2 times'),
    guidance: expect.stringContaining('drop function hdc_error_reply(text,text,text)'),
  });
  // One transaction: the new overload is gone with the failed run.
  expect(await count(`select count(*)::int as n from pg_proc where proname = 'hdc_error_reply'`)).toBe(1);
});

test('a function with no file left is reported, with the migration to write', async () => {
  await runMigrations(db);
  const without = readFunctionFiles().filter((file) => file.name !== 'hdc_health');
  await expect(runMigrations(db, { functions: without })).rejects.toMatchObject({
    code: 'conflict',
    message: expect.stringContaining('hdc_health(hdc_site), which no file in db/functions defines'),
  });
});

test('an edited applied migration, or one this version does not know, stops with a clear error', async () => {
  const migrations = readMigrationFiles();
  await runMigrations(db, { migrations });
  const edited = migrations.map((file, i) =>
    i === 0 ? { ...file, sql: `${file.sql}\n-- edit`, checksum: checksumOf(`${file.sql}\n-- edit`) } : file,
  );
  await expect(runMigrations(db, { migrations: edited })).rejects.toMatchObject({
    code: 'conflict',
    message: expect.stringContaining(migrations[0]!.fileName),
  });
  await expect(runMigrations(db, { migrations: [] })).rejects.toMatchObject({ code: 'conflict' });
});

test('a failing run leaves no trace of itself: migrations, functions and ledgers roll back together', async () => {
  const broken = {
    version: 2,
    name: 'broken',
    fileName: '0002_broken.sql',
    sql: 'create table half_done (id int); select 1/0;',
    checksum: 'x',
  };
  await expect(runMigrations(db, { migrations: [...readMigrationFiles(), broken] })).rejects.toBeDefined();
  expect(
    await db.query(
      `select to_regclass('half_done') as t, to_regclass('event') as e, to_regclass('hdc_schema_migration') as l`,
    ),
  ).toEqual([{ t: null, e: null, l: null }]);
  expect(await count(`select count(*)::int as n from pg_proc where proname like 'hdc\\_%'`)).toBe(0);
});

test('a function file must define exactly the function it is named after', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hdc-functions-'));
  mkdirSync(join(dir, 'sync'));
  writeFileSync(
    join(dir, 'sync', 'hdc_one.sql'),
    'create function hdc_one() returns int language sql as $$ select 1 $$;\ncreate function hdc_two() returns int language sql as $$ select 2 $$;',
  );
  expect(() => readFunctionFiles(dir)).toThrow(
    /sync\/hdc_one\.sql must define exactly one function, named like the file/,
  );
});

test('function files live in one capability folder each: a loose file, a deeper folder and a name in two folders are refused', () => {
  const one = 'create function hdc_one() returns int language sql as $$ select 1 $$;';
  const dirWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'hdc-functions-'));
    for (const [path, sql] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), sql);
    }
    return dir;
  };
  expect(readFunctionFiles(dirWith({ 'sync/hdc_one.sql': one }))).toEqual([
    expect.objectContaining({ name: 'hdc_one', fileName: 'sync/hdc_one.sql' }),
  ]);
  expect(() => readFunctionFiles(dirWith({ 'hdc_one.sql': one }))).toThrow(
    /hdc_one\.sql is not in a capability folder/,
  );
  expect(() => readFunctionFiles(dirWith({ 'sync/deeper/hdc_one.sql': one }))).toThrow(
    /is a folder inside a capability folder/,
  );
  expect(() => readFunctionFiles(dirWith({ 'sync/hdc_one.sql': one, 'cleanup/hdc_one.sql': one }))).toThrow(
    /cleanup\/hdc_one\.sql and sync\/hdc_one\.sql both define hdc_one/,
  );
});

test('a data folder made by HDC Ops 0.1.0 (migrations before the baseline) gets a clear error telling what to do', async () => {
  await db.exec(`create table hdc_schema_migration (version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now());
    insert into hdc_schema_migration (version, name, checksum) values (1, 'schema', 'old'), (2, 'sync_functions', 'old');`);
  await expect(runMigrations(db)).rejects.toMatchObject({
    code: 'conflict',
    message: expect.stringContaining('created by HDC Ops 0.1.0'),
    guidance: expect.stringContaining('delete the data folder (HDC_DATA_DIR, default .hdc/data)'),
  });
});

test('a migration that creates a table without row-level security is refused, and nothing of the run stays', async () => {
  const migrations = readMigrationFiles();
  const open = {
    version: 9999,
    name: 'open_table',
    fileName: '9999_open_table.sql',
    sql: 'create table open_table (id int primary key);',
    checksum: 'y',
  };
  await expect(runMigrations(db, { migrations: [...migrations, open] })).rejects.toMatchObject({
    code: 'conflict',
    message: 'Table open_table would have no row-level security; the migration was not applied',
    guidance: expect.stringContaining('alter table <name> enable row level security;'),
  });
  expect(await db.query(`select to_regclass('open_table') as t, to_regclass('event') as e`)).toEqual([
    { t: null, e: null },
  ]);
  // Every table of this build has it, the runner's own ledgers included.
  await runMigrations(db);
  expect(
    await db.query(
      `select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') and not relrowsecurity`,
    ),
  ).toEqual([]);
  expect(
    await count(
      `select count(*)::int as n from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname in ('cleanup_scan', 'cleanup_scan_page', 'cleanup_plan', 'cleanup_item', 'hdc_schema_migration', 'hdc_schema_function') and relrowsecurity`,
    ),
  ).toBe(6);
});
