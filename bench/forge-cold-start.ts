import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleForForge } from '../dev/forge-bundle';
import { firstCallOf } from '../dev/forge-first-call-result';
import { startPostgrestServer } from '../dev/postgrest-over-sql';
import { createDatabaseAdmin } from '../src/app/database-admin';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { openPgliteExecutor } from '../src/store/pglite-executor';
import { percentile } from './percentiles';

const SERVICE_ROLE_KEY = 'bench-service-role-key';

/**
 * forge_cold_start: the backend bundled as `forge deploy` bundles it, then `runs` fresh Node
 * processes that each load it and answer one Forge-shaped registry.list call over HTTP (a PostgREST
 * double over PGlite with the demo HDC), as a new Forge container would.
 */
export async function benchForgeColdStart(root: string, runs: number) {
  const bundle = await bundleForForge(root);
  const sql = await openPgliteExecutor();
  const admin = createDatabaseAdmin(sql);
  await admin.migrate();
  await admin.seedDemo(LOCAL_SITE_ID);
  const supabase = await startPostgrestServer(sql, SERVICE_ROLE_KEY);
  const call = JSON.stringify({
    handler: 'handler',
    payload: {
      call: { functionKey: 'registry.list', payload: {} },
      context: { extension: { type: 'macro', content: { id: DEMO_PARENT_PAGE_ID } } },
    },
    context: { principal: { accountId: DEMO_ACCOUNTS.nonAdmin }, installContext: LOCAL_SITE_ID },
  });
  const load: number[] = [];
  const first: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(root, 'dev', 'forge-first-call.js'), bundle.entry, call],
        {
          env: { PATH: process.env.PATH, SUPABASE_URL: supabase.url, SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY },
        },
      );
      const result = firstCallOf(stdout);
      if ((result.reply as { ok?: boolean }).ok !== true)
        throw new Error(`The bundled handler failed: ${JSON.stringify(result.reply)}`);
      load.push(result.loadMs);
      first.push(result.firstCallMs);
    }
  } finally {
    await supabase.close();
    await sql.close();
    bundle.remove();
  }
  return {
    rawBytes: bundle.rawBytes,
    gzipBytes: bundle.gzipBytes,
    runs,
    node: process.version,
    loadMs: percentile(load, 50),
    firstCallMs: percentile(first, 50),
    loadP95Ms: percentile(load, 95),
    firstCallP95Ms: percentile(first, 95),
  };
}
