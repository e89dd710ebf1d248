import { AppError } from '../shared/app-error';
import { HDC_OPS_VERSION } from '../shared/release';
import type { FunctionFile, MigrationFile } from './migration-files';
import { readFunctionFiles, readMigrationFiles } from './migration-files';
import type { SqlTransaction } from './sql-executor';
import type { SqlExecutor } from './sql-executor';

export interface MigrationReport {
  /** Numbered migrations applied by this run. */
  applied: string[];
  /** Function files (re)applied by this run: new, or changed since they were last applied. */
  functions: string[];
  alreadyApplied: number;
}

interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

// Any constant works: it only has to be the same for every migrator of this database.
const MIGRATION_LOCK_KEY = 4_242_001;

const CREATE_LEDGERS = `
  create table if not exists hdc_schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  );
  create table if not exists hdc_schema_function (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  );
  alter table hdc_schema_migration enable row level security;
  alter table hdc_schema_function enable row level security`;

/**
 * Brings the database to this version of HDC Ops in ONE transaction: the pending numbered
 * migrations (each once, checksummed: an applied migration whose file changed stops everything),
 * then every function file that is new or changed, then hdc_lock_down_functions() and
 * hdc_lock_down_tables(), then the check that every table has row-level security. Any failure
 * leaves the database as it was. Running it again is a no-op.
 */
export async function runMigrations(db: SqlExecutor, sources: MigrationSources = {}): Promise<MigrationReport> {
  return withMigrationLock(db, (tx) => migrateIn(tx, sources));
}

/** What a migration run applies: this build's files unless given (tests, an upgrade rehearsal). */
export interface MigrationSources {
  migrations?: MigrationFile[];
  functions?: FunctionFile[];
}

/** One transaction, no statement timeout (an index over a large table may take long), one migrator at a time. */
export async function withMigrationLock<T>(db: SqlExecutor, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.exec('set local statement_timeout = 0');
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    return work(tx);
  });
}

export async function migrateIn(tx: SqlTransaction, sources: MigrationSources): Promise<MigrationReport> {
  const migrations = sources.migrations ?? readMigrationFiles();
  const functions = sources.functions ?? readFunctionFiles();
  await tx.exec(CREATE_LEDGERS);
  const applied = await tx.query<AppliedMigration>(
    'select version, name, checksum from hdc_schema_migration order by version',
  );
  verifyHistory(migrations, applied);
  const done = new Set(applied.map((row) => row.version));
  const pending = migrations.filter((file) => !done.has(file.version));
  for (const file of pending) {
    await tx.exec(file.sql);
    await tx.query('insert into hdc_schema_migration (version, name, checksum) values ($1, $2, $3)', [
      file.version,
      file.name,
      file.checksum,
    ]);
  }
  const changed = await changedFunctions(tx, functions);
  await applyFunctionFiles(tx, changed, functions);
  await verifyRowLevelSecurity(tx);
  if (pending.length > 0 || changed.length > 0) await recordRelease(tx, migrations);
  return {
    applied: pending.map((file) => file.fileName),
    functions: changed.map((file) => file.name),
    alreadyApplied: applied.length,
  };
}

/**
 * A migrate that changed the database records the release it brings (this build's version, the
 * CHANGELOG's) and its schema, in the same transaction: the trend charts' release markers. Once per
 * version; a schema from before releases were recorded (no hdc_release yet) records nothing.
 */
async function recordRelease(tx: SqlTransaction, migrations: readonly MigrationFile[]): Promise<void> {
  const [table] = await tx.query<{ present: boolean }>("select to_regclass('hdc_release') is not null as present");
  if (table?.present !== true) return;
  await tx.query(
    `insert into hdc_release (version, schema_version, source) values ($1, $2, 'migrate')
     on conflict (version, source) do nothing`,
    [HDC_OPS_VERSION, Math.max(...migrations.map((file) => file.version))],
  );
}

/**
 * Creates or replaces function files and records them. Bodies reference each other and tables:
 * create them all first, then once more with body checking on, so that every body is validated
 * against the complete schema. Then every function must stand once, and only the service role may call them.
 */
async function applyFunctionFiles(tx: SqlTransaction, files: FunctionFile[], all: FunctionFile[]): Promise<void> {
  await tx.exec('set local check_function_bodies = off');
  for (const file of files) await tx.exec(file.sql);
  await tx.exec('set local check_function_bodies = on');
  for (const file of files) {
    await tx.exec(file.sql);
    await tx.query(
      `insert into hdc_schema_function (name, checksum) values ($1, $2)
       on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`,
      [file.name, file.checksum],
    );
  }
  await verifyOneDefinitionEach(tx, all);
  await tx.query('select hdc_lock_down_functions()');
  await tx.query('select hdc_lock_down_tables()');
}

async function changedFunctions(tx: SqlTransaction, files: FunctionFile[]): Promise<FunctionFile[]> {
  const rows = await tx.query<{ name: string; checksum: string | null; present: boolean }>(
    `select f.name, l.checksum,
            exists (select 1 from pg_proc p where p.proname = f.name and p.pronamespace = current_schema()::regnamespace) as present
     from unnest($1::text[]) as f(name) left join hdc_schema_function l on l.name = f.name`,
    [files.map((file) => file.name)],
  );
  const state = new Map(rows.map((row) => [row.name, row]));
  return files.filter((file) => {
    const row = state.get(file.name);
    return row === undefined || !row.present || row.checksum !== file.checksum;
  });
}

/**
 * Every table of the schema has row-level security: on Supabase a table without it is readable and
 * writable with the project's public anon key. Checked from the catalog, so a table added by any
 * future migration is covered; the whole run is rolled back when one lacks it.
 */
async function verifyRowLevelSecurity(tx: SqlTransaction): Promise<void> {
  const open = await tx.query<{ name: string }>(
    `select c.relname as name from pg_class c
     where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity
     order by c.relname`,
  );
  if (open.length > 0) {
    const names = open.map((row) => row.name).join(', ');
    throw new AppError(
      'conflict',
      `Table${open.length === 1 ? '' : 's'} ${names} would have no row-level security; the migration was not applied`,
      {
        guidance: `Add "alter table <name> enable row level security;" for ${names} to the migration that creates ${open.length === 1 ? 'it' : 'them'}.`,
        retryable: false,
        details: { tables: open.map((row) => row.name) },
      },
    );
  }
}

/** Every hdc_ function in the database stands exactly once, and has its file. */
async function verifyOneDefinitionEach(tx: SqlTransaction, files: FunctionFile[]): Promise<void> {
  const rows = await tx.query<{ name: string; signatures: string[] }>(
    `select p.proname as name, array_agg(p.oid::regprocedure::text order by p.oid) as signatures
     from pg_proc p
     where p.pronamespace = current_schema()::regnamespace and p.proname like 'hdc\\_%'
     group by p.proname`,
  );
  const named = new Set(files.map((file) => file.name));
  for (const row of rows) {
    if (!named.has(row.name)) {
      throw new AppError(
        'conflict',
        `The database has function ${row.signatures.join(', ')}, which no file in db/functions defines`,
        {
          guidance: `Add a numbered migration that drops it (drop function ${row.signatures[0] ?? row.name};), or restore its file.`,
          retryable: false,
        },
      );
    }
    if (row.signatures.length > 1) {
      throw new AppError(
        'conflict',
        `Function ${row.name} would exist ${row.signatures.length} times: ${row.signatures.join('; ')}`,
        {
          guidance: `Its signature changed: add a numbered migration that drops the old one (drop function ${row.signatures[0] ?? row.name};).`,
          retryable: false,
        },
      );
    }
  }
}

function verifyHistory(files: MigrationFile[], applied: AppliedMigration[]): void {
  if (applied.some((row) => row.version === 1 && row.name === 'schema')) {
    throw new AppError(
      'conflict',
      'This database was created by HDC Ops 0.1.0, whose migrations were folded into one baseline',
      {
        guidance:
          'Its data cannot be migrated in place. For the embedded database, delete the data folder (HDC_DATA_DIR, default .hdc/data) ' +
          'or point HDC_DATA_DIR at an empty folder, and run again: npm start seeds the demo anew. For a Postgres server, use an empty database.',
        retryable: false,
      },
    );
  }
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (file === undefined) {
      throw new AppError(
        'conflict',
        `The database has migration ${String(row.version).padStart(4, '0')}_${row.name}, which this version of HDC Ops does not have`,
        {
          guidance: 'Run a version of hdc-ops at least as new as the one that migrated this database.',
          retryable: false,
        },
      );
    }
    if (file.checksum !== row.checksum) {
      throw new AppError('conflict', `Migration ${file.fileName} was edited after it was applied (checksum differs)`, {
        guidance: `Restore ${file.fileName} to its applied text and put the change in a new numbered migration.`,
        retryable: false,
        details: { fileName: file.fileName },
      });
    }
  }
}

export interface MigrationPlan {
  /** The schema version the database is at (null: never migrated). */
  schemaVersion: number | null;
  /** This build's schema version (its latest numbered migration). */
  targetVersion: number;
  /** Numbered migrations `migrate` would apply, in order. */
  pending: string[];
  /** Function files `migrate` would (re)apply: new, or changed since they were applied. */
  functions: string[];
}

/** What `migrate` would do, read without changing anything (`hdc-ops migrate --plan`). */
export async function planMigrations(db: SqlExecutor, sources: MigrationSources = {}): Promise<MigrationPlan> {
  const migrations = sources.migrations ?? readMigrationFiles();
  const functions = sources.functions ?? readFunctionFiles();
  const targetVersion = migrations[migrations.length - 1]?.version ?? 0;
  const [ledger] = await db.query<{ present: boolean }>(
    "select to_regclass('hdc_schema_migration') is not null as present",
  );
  if (!ledger?.present) {
    return {
      schemaVersion: null,
      targetVersion,
      pending: migrations.map((file) => file.fileName),
      functions: functions.map((file) => file.name),
    };
  }
  return db.transaction(async (tx) => {
    const applied = await tx.query<AppliedMigration>(
      'select version, name, checksum from hdc_schema_migration order by version',
    );
    verifyHistory(migrations, applied);
    const done = new Set(applied.map((row) => row.version));
    const changed = await changedFunctions(tx, functions);
    return {
      schemaVersion: applied.length === 0 ? null : Math.max(...applied.map((row) => row.version)),
      targetVersion,
      pending: migrations.filter((file) => !done.has(file.version)).map((file) => file.fileName),
      functions: changed.map((file) => file.name),
    };
  });
}
