import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
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

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function defaultMigrationsDir(): string {
  return join(packageRoot(), 'db', 'migrations');
}

/** Line endings are normalised so a checkout on another OS does not look like an edit. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function readMigrationFiles(dir: string = defaultMigrationsDir()): MigrationFile[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
  const seen = new Map<number, string>();
  return files.map((fileName) => {
    const match = FILE_PATTERN.exec(fileName);
    if (match === null) {
      throw new AppError('validation', `Migration file name ${fileName} is not NNNN_name.sql`, {
        guidance: 'Rename it to a four-digit number, an underscore and a lower-case name, e.g. 0005_add_cleanup.sql.',
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
    return { version, name: match[2] ?? '', fileName, sql, checksum: checksumOf(sql) };
  });
}
