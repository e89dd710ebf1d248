import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { holdDataDir } from './data-dir-lock';
import type { QueryOptions, SqlExecutor, SqlTransaction } from './sql-executor';
import { STATEMENT_TIMEOUT_MS, StatementTimeoutError } from './statement-timeout';

/**
 * Embedded Postgres (WASM). `dataDir` undefined keeps the database in memory (tests); a folder is
 * held by this process alone until close (data-dir-lock.ts).
 * `statementTimeoutMs`: Supabase's by default; tests set a short one to see it act.
 */
export async function openPgliteExecutor(
  dataDir?: string,
  { statementTimeoutMs = STATEMENT_TIMEOUT_MS } = {},
): Promise<SqlExecutor> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const lock = dataDir === undefined ? null : holdDataDir(dataDir);
  const db = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  try {
    await db.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    /**
     * PGlite cannot cancel a running statement, so statement_timeout does nothing here. Each query
     * runs in a transaction instead, and one that ran past the timeout is rolled back and fails
     * with the server's SQLSTATE: the embedded database refuses what Supabase would.
     */
    async query<Row>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      return db.transaction(async (tx) => {
        const started = performance.now();
        const result = await tx.query<Row>(text, [...params]);
        const elapsed = performance.now() - started;
        if (elapsed > statementTimeoutMs && options.unbounded !== true) throw new StatementTimeoutError(elapsed);
        return result.rows;
      });
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async transaction<T>(work: (tx: SqlTransaction) => Promise<T>) {
      return db.transaction(async (tx) =>
        work({
          query: async <Row>(text: string, params: readonly unknown[] = []) =>
            (await tx.query<Row>(text, [...params])).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      );
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
