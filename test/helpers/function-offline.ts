import type { SqlExecutor } from '../../src/store/sql-executor';

/**
 * Takes a SQL function out of reach while `work` runs (as a database a migration has not reached
 * would lack it), then puts it back. The signature is read from the catalog, so no test names one.
 */
export async function withFunctionOffline<T>(sql: SqlExecutor, name: string, work: () => Promise<T>): Promise<T> {
  const found = await sql.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature from pg_proc p
      where p.proname = $1 and p.pronamespace = current_schema()::regnamespace`,
    [name],
  );
  if (found.length !== 1) throw new Error(`${name} is defined ${found.length} times`);
  const signature = found[0]!.signature;
  const offline = `${name}_offline`;
  await sql.exec(`alter function ${signature} rename to ${offline}`);
  try {
    return await work();
  } finally {
    await sql.exec(`alter function ${signature.replace(name, offline)} rename to ${name}`);
  }
}
