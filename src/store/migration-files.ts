import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../shared/app-error';
import { packageRoot } from '../shared/package-root';

export interface MigrationFile {
  version: number;
  name: string;
  fileName: string;
  sql: string;
  checksum: string;
}

/** One SQL function: db/functions/<capability>/<name>.sql defines exactly the function <name>. */
export interface FunctionFile {
  name: string;
  /** Its path under db/functions: `<capability>/<name>.sql`. */
  fileName: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;
const FUNCTION_FILE = /^(hdc_[a-z0-9_]+)\.sql$/;
const CAPABILITY_FOLDER = /^[a-z][a-z0-9_]*$/;
const FUNCTION_DEFINITION = /\bcreate\s+(?:or\s+replace\s+)?function\s+([a-z0-9_]+)\s*\(/gi;

/** The names of the functions an SQL text creates. */
const functionsDefinedIn = (sql: string): string[] =>
  [...sql.matchAll(FUNCTION_DEFINITION)].map((match) => (match[1] ?? '').toLowerCase());

const defaultMigrationsDir = (): string => join(packageRoot(), 'db', 'migrations');
const defaultFunctionsDir = (): string => join(packageRoot(), 'db', 'functions');

/** Line endings are normalised so a checkout on another OS does not look like an edit. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

const sqlFilesIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort();

export function readMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  const seen = new Map<number, string>();
  return sqlFilesIn(dir).map((fileName) => {
    const match = MIGRATION_FILE.exec(fileName);
    if (match === null) {
      throw new AppError('validation', `Migration file name ${fileName} is not NNNN_name.sql`, {
        guidance: 'Rename it to a four-digit number, an underscore and a lower-case name, e.g. 0002_add_cleanup.sql.',
      });
    }
    const version = Number(match[1]);
    const clash = seen.get(version);
    if (clash !== undefined) {
      throw new AppError('validation', `Migrations ${clash} and ${fileName} share version ${match[1]}`, {
        guidance: 'Give the newer file the next free number.',
      });
    }
    seen.set(version, fileName);
    const sql = readFileSync(join(dir, fileName), 'utf8');
    if (functionsDefinedIn(sql).length > 0) {
      throw new AppError('validation', `Migration ${fileName} defines a function`, {
        guidance:
          'Put each function in db/functions/<capability>/<function>.sql; a migration only changes tables and data (and drops a function whose signature changes).',
      });
    }
    return { version, name: match[2] ?? '', fileName, sql, checksum: checksumOf(sql) };
  });
}

/**
 * The function files, grouped by capability: db/functions/<capability>/<function>.sql. A file
 * outside a capability folder, a folder deeper than one level, a file that does not define exactly
 * the function it is named after, or two files of one name are refused.
 */
export function readFunctionFiles(dir: string = defaultFunctionsDir()): FunctionFile[] {
  const refuse = (message: string, guidance: string) => new AppError('validation', message, { guidance });
  const seen = new Map<string, string>();
  const files: FunctionFile[] = [];
  for (const folder of readdirSync(dir).sort()) {
    if (!statSync(join(dir, folder)).isDirectory() || !CAPABILITY_FOLDER.test(folder)) {
      throw refuse(
        `db/functions/${folder} is not in a capability folder`,
        'Put each function in db/functions/<capability>/<function>.sql (core/ for what every call shares).',
      );
    }
    for (const entry of readdirSync(join(dir, folder)).sort()) {
      const fileName = `${folder}/${entry}`;
      if (statSync(join(dir, fileName)).isDirectory()) {
        throw refuse(
          `db/functions/${fileName} is a folder inside a capability folder`,
          'Capability folders are one level deep.',
        );
      }
      const name = FUNCTION_FILE.exec(entry)?.[1];
      const sql = readFileSync(join(dir, fileName), 'utf8');
      const defined = functionsDefinedIn(sql);
      if (name === undefined || defined.length !== 1 || defined[0] !== name) {
        throw refuse(
          `db/functions/${fileName} must define exactly one function, named like the file`,
          `It defines ${defined.length === 0 ? 'no function' : defined.join(', ')}. One function per file: db/functions/<capability>/<function>.sql.`,
        );
      }
      const clash = seen.get(name);
      if (clash !== undefined) {
        throw refuse(`db/functions/${clash} and ${fileName} both define ${name}`, 'Keep one of them.');
      }
      seen.set(name, fileName);
      files.push({ name, fileName, sql, checksum: checksumOf(sql) });
    }
  }
  return files;
}
