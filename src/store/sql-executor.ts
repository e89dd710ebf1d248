/** The one thing both SQL back ends (embedded PGlite, a Postgres server through `pg`) offer. */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction on one connection: commit on return, roll back on throw. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SqlTransaction = Pick<SqlExecutor, 'query' | 'exec'>;
