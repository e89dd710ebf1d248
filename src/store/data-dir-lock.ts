import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/app-error';

/**
 * One process at a time on an embedded data folder: PGlite keeps the database in memory and writes
 * it back to the folder, so a second process on the same folder reads a stale copy, and the last
 * to close overwrites the other's changes. The holder writes `hdc.lock` (pid, command, since) with
 * O_EXCL; a second opener is refused naming the holder; a lock whose process is gone is taken over.
 * (A lock-file library such as proper-lockfile was considered: it cannot say who holds the lock.)
 */
export const DATA_DIR_LOCK_FILE = 'hdc.lock';

const HolderSchema = z.object({ pid: z.number().int(), host: z.string(), command: z.string(), since: z.string() });
type Holder = z.infer<typeof HolderSchema>;

export interface DataDirLock {
  release(): void;
}

function readHolder(file: string): Holder | null {
  try {
    return HolderSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const KNOWN_SCRIPTS: Record<string, string> = {
  'start-local-host': 'npm start (the local host)',
  'run-bench': 'npm run bench',
  'hdc-ops': 'hdc-ops',
  main: 'hdc-ops',
};

/** `hdc-ops sync status`, `npm start (the local host)`: what a person recognises as the holder. */
function describeThisProcess(): string {
  const script =
    (process.argv[1] ?? 'node')
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.[cm]?[jt]s$/, '') ?? 'node';
  const name = KNOWN_SCRIPTS[script] ?? script;
  if (name !== 'hdc-ops') return name;
  return [
    name,
    ...process.argv
      .slice(2)
      .filter((arg) => !arg.startsWith('-'))
      .slice(0, 2),
  ].join(' ');
}

export function holdDataDir(dataDir: string, command: string = describeThisProcess()): DataDirLock {
  const file = join(dataDir, DATA_DIR_LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder !== null && (holder.host !== me.host || isRunning(holder.pid))) {
        throw new AppError(
          'conflict',
          `The data folder ${dataDir} is in use by "${holder.command}" (pid ${holder.pid} on ${holder.host}, since ${holder.since})`,
          {
            guidance:
              holder.pid === process.pid && holder.host === me.host
                ? 'This process already has the folder open: use that connection.'
                : 'Only one process may open an embedded database. Stop the other one (Ctrl+C in its terminal; for npm start, stop the local host) and run again, point HDC_DATA_DIR at another folder, or set DATABASE_URL to a Postgres server that many processes can share.',
            retryable: false,
          },
        );
      }
      // Its process is gone (or the file is unreadable): a stale lock.
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    return {
      release() {
        if (readHolder(file)?.pid === me.pid) rmSync(file, { force: true });
      },
    };
  }
  throw new AppError('conflict', `Could not take the lock of the data folder ${dataDir}`, {
    guidance: `Another process took it at the same moment. Run again; if it persists, check ${file}.`,
    retryable: true,
  });
}
