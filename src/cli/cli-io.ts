import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { DEFAULT_DATA_DIR } from '../shared/config';

export interface CliIo {
  /** The command's output: its result (with --json, one JSON document). */
  out(text: string): void;
  /** For the person at the terminal: progress, notes and errors. */
  err(text: string): void;
  /** The log (telemetry lines, the detail of internal errors): never the person's output. */
  log(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Now, for everything the command dates (the system clock unless a test fixes it). */
  clock?: Clock;
}

/** HDC_LOG_FILE, else hdc-ops.log in a logs folder beside the default data folder (.hdc/logs). */
export function logFileOf(env: NodeJS.ProcessEnv): string {
  const named = env.HDC_LOG_FILE?.trim();
  return named !== undefined && named !== '' ? named : join(dirname(DEFAULT_DATA_DIR), 'logs', 'hdc-ops.log');
}

/** Appends to the log file; a log that cannot be written never fails the command. */
function appendToLog(env: NodeJS.ProcessEnv): (text: string) => void {
  let ready = false;
  return (text) => {
    try {
      const file = logFileOf(env);
      if (!ready) mkdirSync(dirname(file), { recursive: true });
      ready = true;
      appendFileSync(file, `${text}\n`);
    } catch {
      // The log is best effort: the command's own output says what happened.
    }
  };
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  log: appendToLog(process.env),
  env: process.env,
  clock: systemClock,
};

/** Machine output behind --json; people get the text. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string): void {
  io.out(json ? JSON.stringify(data, null, 2) : text());
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
