import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bundleForForge } from '../../dev/forge-bundle';
import type { ForgeBundle } from '../../dev/forge-bundle';
import { firstCallOf } from '../../dev/forge-first-call-result';
import type { FirstCall } from '../../dev/forge-first-call-result';
import { startPostgrestServer } from '../../dev/postgrest-over-sql';
import { createDatabaseAdmin } from '../../src/app/database-admin';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { openTestDatabase } from '../helpers/test-database';
import type { TestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// The backend as `forge deploy` would ship it: bundled by @forge/bundler from src/index.ts.
const root = join(__dirname, '..', '..');
const budget = JSON.parse(readFileSync(join(root, 'forge-bundle-budget.json'), 'utf8')) as { gzipBytes: number };
const SERVICE_ROLE_KEY = 'service-role-key-for-the-bundle-test';

let bundle: ForgeBundle;
beforeAll(async () => {
  bundle = await bundleForForge(root);
}, 180_000);
afterAll(() => bundle.remove());

const packageOf = (source: string) => {
  const [, scopeOrName, name] = source.split('/');
  return scopeOrName?.startsWith('@') ? `${scopeOrName}/${name ?? ''}` : (scopeOrName ?? '');
};

test('the bundler builds it without a warning', () => {
  expect(bundle.warnings).toEqual([]);
});

test('it holds the backend only: no PGlite, pg, YAML parser, supabase-js, CLI, seed, dev host or test code', () => {
  const packages = [...new Set(bundle.sources.filter((s) => s.startsWith('node_modules/')).map(packageOf))].sort();
  // @forge/api (with its own lodash, tslib and @forge/* helpers) reaches Confluence; @forge/events queues the cleanup jobs;
  // confluence.js gives its response schemas.
  expect(packages).toEqual([
    '@forge/api',
    '@forge/auth',
    '@forge/egress',
    '@forge/events',
    '@forge/i18n',
    '@forge/resolver',
    '@supabase/postgrest-js',
    'confluence.js',
    'lodash',
    'tslib',
    'zod',
  ]);
  const ours = bundle.sources.filter((s) => !s.startsWith('node_modules/'));
  expect(ours.length).toBeGreaterThan(40);
  const localOnly = ours.filter(
    (s) =>
      /^(dev|test|bench)\//.test(s) ||
      /^src\/(cli|seed)\//.test(s) ||
      /^src\/(app\/local-database|app\/database-admin|store\/pg-executor|store\/pglite-executor|store\/sql-rpc-client|store\/migration-(runner|files)|verification\/thresholds-source)\.ts$/.test(
        s,
      ),
  );
  expect(localOnly).toEqual([]);
});

test('its gzip size is within the budget in forge-bundle-budget.json', () => {
  expect(bundle.gzipBytes).toBeGreaterThan(0);
  expect(bundle.gzipBytes).toBeLessThanOrEqual(budget.gzipBytes);
});

describe('loaded by a fresh Node process, with Forge variables pointing at a database', () => {
  let db: TestDatabase;
  let supabase: Awaited<ReturnType<typeof startPostgrestServer>>;
  beforeAll(async () => {
    db = await openTestDatabase();
    await createDatabaseAdmin(db.sql).seedDemo(TEST_SITE);
    supabase = await startPostgrestServer(db.sql, SERVICE_ROLE_KEY);
  });
  afterAll(async () => {
    await supabase.close();
    await db.close();
  });

  /** One Forge-shaped call to a manifest handler of the bundle, in a new process. */
  async function firstCall(handler: string, payload: unknown, context: unknown): Promise<FirstCall> {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(root, 'dev', 'forge-first-call.js'), bundle.entry, JSON.stringify({ handler, payload, context })],
      {
        env: {
          PATH: process.env.PATH,
          SUPABASE_URL: supabase.url,
          SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
          HDC_PARENT_PAGE_ID: DEMO_PARENT_PAGE_ID,
          HDC_WEBTRIGGER_SECRET: 'webtrigger-secret',
        },
      },
    );
    return firstCallOf(stdout);
  }
  const runtime = (accountId?: string) => ({
    installContext: TEST_SITE,
    ...(accountId ? { principal: { accountId } } : {}),
  });

  test('the resolver answers a macro call with the site’s data', async () => {
    const { reply, logLines } = await firstCall(
      'handler',
      {
        call: { functionKey: 'registry.list', payload: {} },
        context: { extension: { type: 'macro', content: { id: DEMO_PARENT_PAGE_ID } } },
      },
      runtime(DEMO_ACCOUNTS.nonAdmin),
    );
    expect(reply).toMatchObject({
      ok: true,
      data: {
        parentPageId: DEMO_PARENT_PAGE_ID,
        events: expect.arrayContaining([expect.objectContaining({ name: 'Summer Hack 2026' })]),
      },
    });
    expect(logLines).toEqual([
      expect.stringMatching(/^\[hdc-telemetry\] \{"metric":"registry_lookup".*"outcome":"success"/),
    ]);
    // The process ended with the reply: its telemetry row was already committed.
    expect(await db.sql.query(`select metric, outcome from telemetry_event where site_id = $1`, [TEST_SITE])).toEqual([
      { metric: 'registry_lookup', outcome: 'success' },
    ]);
  });

  test('the scheduled sampler and the health web trigger answer for their installation', async () => {
    expect((await firstCall('telemetrySampler', { context: { cloudId: 'test' } }, runtime())).reply).toEqual({
      statusCode: 200,
    });
    expect(await db.sql.query('select site_id, job, status from scheduled_run')).toEqual([
      { site_id: TEST_SITE, job: 'telemetry_sampler', status: 'ok' },
    ]);
    const health = (
      await firstCall(
        'opsHealth',
        { method: 'GET', headers: { 'X-HDC-Webtrigger-Secret': ['webtrigger-secret'] } },
        runtime(),
      )
    ).reply;
    expect(health).toMatchObject({ statusCode: 200, headers: { 'Content-Type': ['application/health+json'] } });
    expect(JSON.parse((health as { body: string }).body)).toMatchObject({
      status: 'warn',
      checks: { 'database:schemaVersion': [{ status: 'pass' }] },
    });
  });
});
