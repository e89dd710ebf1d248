/** The one thing both SQL back ends (embedded PGlite, a Postgres server through `pg`) offer. */
export interface SqlExecutor {
  /**
   * One statement with parameters. `timeoutMs` bounds the wait for its answer where the back end
   * can (a server; the embedded database runs in this process and cannot be interrupted).
   */
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /** Several statements, no parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction on one connection: commit on return, roll back on throw. */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface QueryOptions {
  timeoutMs?: number;
  /**
   * No statement timeout for this statement: the operator's restore over a connection it owns (a
   * direct connection, the embedded database) may take as long as its size needs.
   */
  unbounded?: boolean;
}

export type SqlTransaction = Pick<SqlExecutor, 'query' | 'exec'>;
