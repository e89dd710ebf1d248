import { generateTelemetry } from '../../dev/generate-telemetry';
import { NO_DEADLINE } from '../../src/shared/deadline';
import { openPgExecutor } from '../../src/store/pg-executor';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { runMigrations } from '../../src/store/migration-runner';
import { createPostgrestRpcClient } from '../../src/store/postgrest-rpc-client';
import { createOperationsStore } from '../../src/store/operations-store';
import type { RpcClient } from '../../src/store/rpc-client';
import { createSiteRpc } from '../../src/store/site-rpc';
import { createSqlRpcClient } from '../../src/store/sql-rpc-client';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import type { SqlExecutor } from '../../src/store/sql-executor';
import { STATEMENT_TIMEOUT_MS } from '../../src/store/statement-timeout';
import { createServerTestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// A statement stopped at the statement timeout (SQLSTATE 57014) is its own typed error, with what
// was too large and what to run, on every path: the embedded database (which cannot cancel, so it
// rolls back what ran too long), a server, and Supabase's HTTP API (a 500 that is not retried).
const SHORT_TIMEOUT_MS = 40;
const serverUrl = process.env.HDC_TEST_DATABASE_URL;

type Opened = { sql: SqlExecutor; drop(): Promise<void> };
const executors: [string, () => Promise<Opened>][] = [
  [
    'the embedded database',
    async () => ({
      sql: await openPgliteExecutor(undefined, { statementTimeoutMs: SHORT_TIMEOUT_MS }),
      drop: async () => undefined,
    }),
  ],
  ...(serverUrl
    ? [
        [
          'a PostgreSQL server',
          async () => {
            const database = await createServerTestDatabase(serverUrl);
            return {
              sql: openPgExecutor(database.url, { statementTimeoutMs: SHORT_TIMEOUT_MS }),
              drop: () => database.drop(),
            };
          },
        ] as [string, () => Promise<Opened>],
      ]
    : []),
];

describe.each(executors)('on %s', (_name, open) => {
  let sql: SqlExecutor;
  let opened: Opened;
  beforeAll(async () => {
    opened = await open();
    sql = opened.sql;
    await runMigrations(sql);
    const now = Date.now();
    await sql.transaction((tx) =>
      generateTelemetry(tx, {
        site: TEST_SITE,
        rows: 60_000,
        from: new Date(now - 30 * 3_600_000),
        to: new Date(now - 3 * 3_600_000),
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await sql.close();
    await opened.drop();
  });

  test('a fold too large for the timeout is statement_timeout, says what to run, and changes nothing', async () => {
    const rpc = createSqlRpcClient(sql);
    const error = await rpc
      .call({
        fn: 'hdc_fold_telemetry',
        args: { p_site: TEST_SITE, p_max_hours: 168, p_actor: 'test' },
        effect: 'idempotent_write',
        deadline: NO_DEADLINE,
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'statement_timeout',
      retryable: false,
      message: expect.stringContaining('hdc_fold_telemetry'),
      guidance: expect.stringContaining('hdc-ops telemetry fold'),
    });
    expect(
      await sql.query(`select (select count(*) from telemetry_bin)::int as bins, (select count(*) from telemetry_fold_state)::int as folds,
      (select count(*) from ops_audit_log)::int as audits`),
    ).toEqual([{ bins: 0, folds: 0, audits: 0 }]);
  });

  test("the operator's long statements (a restore's apply, a backup's snapshot) run past the timeout; every other keeps it", async () => {
    await expect(sql.query('select pg_sleep(0.2)')).rejects.toMatchObject({ code: '57014' });
    await expect(sql.query('select pg_sleep(0.2) is not null as slept', [], { unbounded: true })).resolves.toEqual([
      { slept: true },
    ]);
    // The next statement on the same pool has its timeout again.
    await expect(sql.query('select pg_sleep(0.2)')).rejects.toMatchObject({ code: '57014' });

    const sent: { fn: string; unbounded: boolean }[] = [];
    const recording: RpcClient = {
      roundTrips: 0,
      call: (request) => {
        sent.push({ fn: request.name ?? request.fn, unbounded: request.unbounded === true });
        return createSqlRpcClient(sql).call(request);
      },
    };
    const store = createOperationsStore(
      createSiteRpc(recording, new TelemetryOutbox(), { site: TEST_SITE, deadline: NO_DEADLINE }),
    );
    await store.backupStart('test', false).catch(() => undefined);
    await store.restoreApply('00000000-0000-4000-8000-000000000000', 'test').catch(() => undefined);
    await store.siteFigures().catch(() => undefined);
    expect(sent).toEqual([
      { fn: 'hdc_backup_start', unbounded: true },
      { fn: 'hdc_restore_apply', unbounded: true },
      { fn: 'hdc_site_figures', unbounded: false },
    ]);
  });
});

test('the statement timeout is Supabase API default of 8 s on every path', async () => {
  expect(STATEMENT_TIMEOUT_MS).toBe(8_000);
  if (serverUrl === undefined) return;
  const server = openPgExecutor(serverUrl);
  try {
    expect(await server.query('show statement_timeout')).toEqual([{ statement_timeout: '8s' }]);
  } finally {
    await server.close();
  }
});

test('over Supabase HTTP a 500 carrying 57014 is answered once, typed, not retried as "could not be reached"', async () => {
  let requests = 0;
  const rpc = createPostgrestRpcClient('https://example.supabase.co', 'service-role-key', {
    sleep: async () => undefined,
    fetch: async () => {
      requests += 1;
      return new Response(
        JSON.stringify({
          code: '57014',
          message: 'canceling statement due to statement timeout',
          details: null,
          hint: null,
        }),
        {
          status: 500,
          headers: { 'content-type': 'application/json' },
        },
      );
    },
  });
  const error = await rpc
    .call({ fn: 'hdc_telemetry_window', args: { p_site: TEST_SITE }, effect: 'read', deadline: NO_DEADLINE })
    .catch((caught: unknown) => caught);
  expect(requests).toBe(1);
  expect(error).toMatchObject({
    code: 'statement_timeout',
    guidance: expect.stringContaining('hdc-ops telemetry fold'),
  });
  expect(JSON.stringify(error)).not.toContain('service-role-key');
});
