import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Now, for everything the command dates (the system clock unless a test fixes it). */
  clock?: Clock;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  clock: systemClock,
};

/** Machine output behind --json; people get the text. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string): void {
  io.out(json ? JSON.stringify(data, null, 2) : text());
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}
