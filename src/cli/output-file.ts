import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { ExitError } from './exit-error';

export interface OutputFileRules {
  /** The flag that named the file, for the refusal (`--out`). */
  flag: string;
  /** --force: an existing file may be replaced. */
  force: boolean;
  /** The embedded database's folder (none on a server): nothing of HDC Ops is written inside it. */
  dataDir: string | undefined;
  /** Files written beside it (the JSON of a Markdown report), checked alike. */
  companions?: readonly string[];
}

/** The path as it is on disk, through symbolic links of the part that exists. */
function realPath(path: string): string {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = existsSync(existing) ? realpathSync(existing) : existing;
  return resolve(real, relative(existing, path));
}

const inside = (path: string, folder: string) => {
  const within = relative(realPath(folder), realPath(path));
  return within === '' || (!within.startsWith(`..${sep}`) && within !== '..' && !within.startsWith(sep));
};

/**
 * Where a command may write the file a flag names, checked before any work: never inside the data
 * folder (a backup written over PG_VERSION leaves the database unopenable), never over an existing
 * file without --force, never over a folder. Returns the absolute path.
 */
export function outputFile(file: string, rules: OutputFileRules): string {
  const path = resolve(file);
  if (rules.dataDir !== undefined && inside(path, rules.dataDir)) {
    throw new ExitError(
      2,
      `${rules.flag} ${file} is inside the database's data folder ${resolve(rules.dataDir)}`,
      `Write it elsewhere (backups go to .hdc/backups by default); a file in the data folder can make the database unopenable.`,
    );
  }
  for (const target of [path, ...(rules.companions ?? []).map((companion) => resolve(companion))]) {
    if (!existsSync(target)) continue;
    if (statSync(target).isDirectory())
      throw new ExitError(2, `${rules.flag} ${file}: ${target} is a folder`, 'Name a file.');
    if (!rules.force) {
      throw new ExitError(
        2,
        `${rules.flag} ${file}: ${target} exists`,
        'Run again with --force to replace it, or name another file. Nothing was done.',
      );
    }
  }
  return path;
}
