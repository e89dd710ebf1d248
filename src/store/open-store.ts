import type { StoreSelection } from '../shared/config';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { openPgExecutor } from './pg-executor';
import { openPgliteExecutor } from './pglite-executor';
import type { RpcClient } from './rpc-client';
import { createRpcStore } from './rpc-store';
import type { SqlExecutor } from './sql-executor';
import { createSqlRpcClient } from './sql-rpc-client';
import type { Store } from './store';
import { createSupabaseRpcClient } from './supabase-rpc-client';

export interface OpenedStore {
  store: Store;
  rpc: RpcClient;
  /** Direct SQL (migrations, seeds); absent on Supabase, which is reached only through RPC. */
  sql: SqlExecutor | undefined;
  close(): Promise<void>;
}

/** The one place adapters are chosen: supabase (Forge), a Postgres server, or embedded PGlite. */
export async function openStore(selection: StoreSelection, outbox: TelemetryOutbox): Promise<OpenedStore> {
  if (selection.kind === 'supabase') {
    const rpc = createSupabaseRpcClient(selection.url, selection.serviceRoleKey);
    return { store: createRpcStore(rpc, outbox), rpc, sql: undefined, close: () => Promise.resolve() };
  }
  const sql = selection.kind === 'postgres' ? openPgExecutor(selection.connectionString) : await openPgliteExecutor(selection.dataDir);
  return openSqlStore(sql, outbox);
}

export function openSqlStore(sql: SqlExecutor, outbox: TelemetryOutbox): OpenedStore {
  const rpc = createSqlRpcClient(sql);
  return { store: createRpcStore(rpc, outbox), rpc, sql, close: () => sql.close() };
}
