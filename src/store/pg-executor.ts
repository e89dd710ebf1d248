import { Pool } from 'pg';
import type { QueryOptions, SqlExecutor, SqlTransaction } from './sql-executor';
import { STATEMENT_TIMEOUT_MS } from './statement-timeout';

/** A Postgres server (DATABASE_URL): Supabase's own Postgres for migrations, or any server locally. */
export function openPgExecutor(
  connectionString: string,
  { statementTimeoutMs = STATEMENT_TIMEOUT_MS } = {},
): SqlExecutor {
  const pool = new Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5_000,
    statement_timeout: statementTimeoutMs,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  async function transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      const result = await work({
        query: async <Row>(text: string, params: readonly unknown[] = []) =>
          (await client.query(text, [...params])).rows as Row[],
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  return {
    async query<Row>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}) {
      if (options.unbounded === true) {
        return transaction(async (tx) => {
          await tx.exec('set local statement_timeout = 0');
          return tx.query<Row>(text, params);
        });
      }
      const config =
        options.timeoutMs === undefined
          ? { text }
          : { text, query_timeout: Math.max(1, Math.floor(options.timeoutMs)) };
      const result = await pool.query(config, [...params]);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    transaction,
    async close() {
      await pool.end();
    },
  };
}
