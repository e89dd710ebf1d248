import { openPgExecutor } from '../store/pg-executor';
import { openPgliteExecutor } from '../store/pglite-executor';
import { createSqlRpcClient } from '../store/sql-rpc-client';
import type { SqlExecutor } from '../store/sql-executor';
import type { LocalDatabase, LocalDatabaseOpener } from './open-app';

/** SQL functions called over an open SQL connection. */
export function localDatabaseOver(sql: SqlExecutor): LocalDatabase {
  return { sql, rpc: createSqlRpcClient(sql), close: () => sql.close() };
}

/** A Postgres server (DATABASE_URL) or the embedded database in HDC_DATA_DIR. Never in Forge. */
export const openLocalDatabase: LocalDatabaseOpener = async (selection) =>
  localDatabaseOver(
    selection.kind === 'postgres'
      ? openPgExecutor(selection.connectionString)
      : await openPgliteExecutor(selection.dataDir),
  );
