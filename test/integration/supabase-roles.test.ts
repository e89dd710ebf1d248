import { createDatabaseAdmin } from '../../src/app/database-admin';
import { localDatabaseOver } from '../../src/app/local-database';
import { createApp } from '../../src/app/create-app';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { runningClockFrom } from '../../src/shared/clock';
import { runMigrations } from '../../src/store/migration-runner';
import { openPgExecutor } from '../../src/store/pg-executor';
import type { SqlExecutor } from '../../src/store/sql-executor';
import { createServerTestDatabase, TEST_SETTINGS } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// Supabase publishes a project's anon key: whatever the roles anon and authenticated may do, anyone
// may do. A PostgreSQL server set up with Supabase's roles and the default privileges Supabase grants
// them on every new table and function; every table and hdc_ function is read from the catalog, so
// a table or function added later is covered without editing this test.
const serverUrl = process.env.HDC_TEST_DATABASE_URL;

const SUPABASE_ROLES = `
  do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
  end $$;
  grant usage on schema public to anon, authenticated, service_role;
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;`;

const PUBLIC_ROLES = ['anon', 'authenticated'] as const;

interface Refusal {
  code?: string;
}

/** The SQLSTATE a statement fails with as `role`, or 'ok' with its rows. */
async function asRole(
  sql: SqlExecutor,
  role: string,
  statement: string,
): Promise<{ state: string; rows: Record<string, unknown>[] }> {
  try {
    const rows = await sql.transaction(async (tx) => {
      await tx.exec(`set local role ${role}`);
      return tx.query(statement);
    });
    return { state: 'ok', rows };
  } catch (error) {
    return { state: (error as Refusal).code ?? 'unknown', rows: [] };
  }
}

(serverUrl ? describe : describe.skip)("on a PostgreSQL server with Supabase's roles and default privileges", () => {
  let server: { url: string; drop(): Promise<void> };
  let owner: SqlExecutor;
  let tables: string[];
  let functions: { name: string; call: string }[];

  beforeAll(async () => {
    server = await createServerTestDatabase(serverUrl ?? '');
    owner = openPgExecutor(server.url);
    await owner.exec(SUPABASE_ROLES);
    await runMigrations(owner);
    // Rows in most tables: the demo with its eight weeks of history (reports, runs, telemetry, rollups).
    await createDatabaseAdmin(owner).seedDemo(TEST_SITE, {
      settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
      clock: runningClockFrom(new Date('2026-12-07T00:30:00Z')),
    });
    tables = (
      await owner.query<{ name: string }>(
        `select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') order by relname`,
      )
    ).map((row) => row.name);
    functions = await owner.query<{ name: string; call: string }>(
      `select p.proname as name,
              format('select %s(%s)', p.proname, coalesce((select string_agg(format('null::%s', t::regtype), ', ' order by o)
                from unnest(p.proargtypes::oid[]) with ordinality as a(t, o)), '')) as call
       from pg_proc p where p.pronamespace = current_schema()::regnamespace and p.proname like 'hdc\\_%' order by p.proname`,
    );
  }, 180_000);
  afterAll(async () => {
    await owner.close();
    await server.drop();
  });

  test('the catalog lists every table and function this build makes, each with row-level security and no policy', async () => {
    expect(tables).toEqual(
      expect.arrayContaining([
        'cleanup_scan',
        'cleanup_scan_page',
        'cleanup_plan',
        'cleanup_item',
        'hdc_schema_migration',
        'hdc_schema_function',
        'event',
        'telemetry_event',
      ]),
    );
    expect(functions.length).toBeGreaterThan(60);
    expect(
      await owner.query(
        `select relname from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p') and not relrowsecurity`,
      ),
    ).toEqual([]);
    expect(
      await owner.query(`select tablename, policyname from pg_policies where schemaname = current_schema()`),
    ).toEqual([]);
  });

  test.each(PUBLIC_ROLES)('%s can neither read nor write any row of any table', async (role) => {
    for (const table of tables) {
      const [rows] = await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`);
      expect({ table, select: (await asRole(owner, role, `select * from ${table} limit 1`)).state }).toEqual({
        table,
        select: '42501',
      });
      expect({ table, insert: (await asRole(owner, role, `insert into ${table} default values`)).state }).toEqual({
        table,
        insert: '42501',
      });
      expect({ table, update: (await asRole(owner, role, `update ${table} set ctid = ctid`)).state }).not.toEqual({
        table,
        update: 'ok',
      });
      expect({ table, delete: (await asRole(owner, role, `delete from ${table}`)).state }).toEqual({
        table,
        delete: '42501',
      });
      expect({ table, truncate: (await asRole(owner, role, `truncate ${table} cascade`)).state }).toEqual({
        table,
        truncate: '42501',
      });
      expect(await owner.query(`select count(*)::int as n from ${table}`)).toEqual([rows]);
    }
  });

  test.each(PUBLIC_ROLES)('%s may execute no hdc_ function', async (role) => {
    for (const fn of functions) {
      expect({ fn: fn.name, state: (await asRole(owner, role, fn.call)).state }).toEqual({
        fn: fn.name,
        state: '42501',
      });
    }
  });

  test('should someone grant the tables to anon again, row-level security still shows it no row and refuses its writes', async () => {
    await owner.exec('grant all on all tables in schema public to anon');
    try {
      for (const table of tables) {
        const [{ n }] = (await owner.query<{ n: number }>(`select count(*)::int as n from ${table}`)) as [
          { n: number },
        ];
        expect({ table, seen: (await asRole(owner, 'anon', `select count(*)::int as n from ${table}`)).rows }).toEqual({
          table,
          seen: [{ n: 0 }],
        });
        expect({ table, insert: (await asRole(owner, 'anon', `insert into ${table} default values`)).state }).toEqual({
          table,
          insert: '42501',
        });
        expect({
          table,
          deleted: (
            await asRole(owner, 'anon', `with d as (delete from ${table} returning 1) select count(*)::int as n from d`)
          ).rows,
        }).toEqual({ table, deleted: [{ n: 0 }] });
        expect(await owner.query(`select count(*)::int as n from ${table}`)).toEqual([{ n }]);
      }
    } finally {
      await runMigrations(owner);
    }
    expect((await asRole(owner, 'anon', 'select * from event limit 1')).state).toBe('42501');
  });

  test('the service role, what HDC Ops uses, reads and writes through the functions', async () => {
    const url = new URL(server.url);
    url.searchParams.set('options', '-c role=service_role');
    const serviceRole = openPgExecutor(url.toString());
    try {
      expect(await serviceRole.query('select current_user as who')).toEqual([{ who: 'service_role' }]);
      const services = createApp({
        rpc: localDatabaseOver(serviceRole).rpc,
        settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
        log: () => undefined,
      }).servicesFor({ site: TEST_SITE });
      const page = await services.registry.list({ parentPageId: DEMO_PARENT_PAGE_ID, limit: 50 });
      expect(page.events.length).toBeGreaterThan(5);
      const summer = page.events.find((event) => event.name.startsWith('Summer Hack'))!;
      const synced = await services.sync.completeAndSync({ accountId: DEMO_ACCOUNTS.primaryAdmin }, summer.id);
      expect(synced.state?.status).toBe('partial');
      await services.operators.add('role-test-operator', 'test');
      expect((await services.verification.generateReport('role-test-operator')).weekOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await services.flushTelemetry()).toBeGreaterThanOrEqual(0);
    } finally {
      await serviceRole.close();
    }
  });
});
