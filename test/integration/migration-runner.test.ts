import { readMigrationFiles } from '../../src/store/migration-files';
import { checksumOf } from '../../src/store/migration-files';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgliteExecutor } from '../../src/store/pglite-executor';

test('migrations apply once, and an edited applied migration stops with a clear error', async () => {
  const db = await openPgliteExecutor();
  try {
    const files = readMigrationFiles();
    const first = await runMigrations(db, { files });
    expect(first.applied).toHaveLength(files.length);
    const second = await runMigrations(db, { files });
    expect(second).toEqual({ applied: [], alreadyApplied: files.length });
    const edited = files.map((file, i) => (i === 0 ? { ...file, sql: `${file.sql}\n-- edit`, checksum: checksumOf(`${file.sql}\n-- edit`) } : file));
    await expect(runMigrations(db, { files: edited })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(files[0]!.fileName) });
    await expect(runMigrations(db, { files: files.slice(1) })).rejects.toMatchObject({ code: 'conflict' });
  } finally {
    await db.close();
  }
});

test('a failing migration leaves no trace of itself', async () => {
  const db = await openPgliteExecutor();
  try {
    const broken = { version: 1, name: 'broken', fileName: '0001_broken.sql', sql: 'create table half_done (id int); select 1/0;', checksum: 'x' };
    await expect(runMigrations(db, { files: [broken] })).rejects.toBeDefined();
    expect(await db.query(`select to_regclass('half_done') as t`)).toEqual([{ t: null }]);
    expect(await db.query('select count(*)::int as n from hdc_schema_migration')).toEqual([{ n: 0 }]);
  } finally {
    await db.close();
  }
});
