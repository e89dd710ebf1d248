import { generateTelemetry } from '../../dev/generate-telemetry';
import type { TelemetryFold, TelemetryWindow } from '../../src/verification/verification-facts';
import type { TestDatabase } from '../helpers/test-database';
import { openTestDatabase } from '../helpers/test-database';
import { TEST_SITE } from '../helpers/test-sites';

// The rollups on a real Postgres (embedded, or the server of HDC_TEST_DATABASE_URL): what the fold
// writes and the window reads against the exact figures of the raw rows they came from.
const serverUrl = process.env.HDC_TEST_DATABASE_URL;
const databases: [string, string | undefined][] = [
  ['the embedded database', undefined],
  ...(serverUrl ? [['a PostgreSQL server', serverUrl] as [string, string]] : []),
];

describe.each(databases)('on %s', (_name, url) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(url);
  });
  afterAll(() => db.close());
  beforeEach(() => db.reset());

  const HOUR_MS = 3_600_000;
  /** Three whole clock hours, ending two hours before now: every hour is closed. */
  const from = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 5 * HOUR_MS);
  const to = new Date(from.getTime() + 3 * HOUR_MS);

  async function fold(): Promise<TelemetryFold> {
    const [row] = await db.sql.query<{ fold: TelemetryFold }>(`select hdc_fold_telemetry($1, 6, 'test') as fold`, [
      TEST_SITE,
    ]);
    return row!.fold;
  }

  async function foldAll(): Promise<void> {
    while ((await fold()).pendingHours > 0);
  }

  async function window(start = from, end = to, minAccounts = 0): Promise<TelemetryWindow> {
    const [row] = await db.sql.query<{ window: TelemetryWindow }>(
      `select hdc_telemetry_window($1, $2, $3, 20, $4, 15, 5) as window`,
      [TEST_SITE, start.toISOString(), end.toISOString(), minAccounts],
    );
    return row!.window;
  }

  /** The same figures computed exactly from the raw rows. */
  async function exact() {
    return db.sql.query<{
      metric: string;
      source: string;
      n: number;
      errors: number;
      p50: number;
      p95: number;
      worst_narrow: number | null;
      worst_wide: number | null;
    }>(
      `with t as (select * from telemetry_event where site_id = $1 and recorded_at >= $2 and recorded_at < $3),
       binned as (
         select metric, source, w, date_bin(make_interval(mins => w), recorded_at, timestamptz 'epoch') as bin, count(*) as n,
           count(*) filter (where outcome = 'error') as errors
         from t cross join (values (5), (15)) as widths (w) group by 1, 2, 3, 4)
       select metric, source, count(*)::int as n, count(*) filter (where outcome = 'error')::int as errors,
         percentile_cont(0.5) within group (order by duration_ms) as p50,
         percentile_cont(0.95) within group (order by duration_ms) as p95,
         (select max(errors::float8 / n) from binned b where b.metric = t.metric and b.source = t.source and w = 5 and n >= 20) as worst_narrow,
         (select max(errors::float8 / n) from binned b where b.metric = t.metric and b.source = t.source and w = 15 and n >= 20) as worst_wide
       from t group by metric, source order by metric, source`,
      [TEST_SITE, from.toISOString(), to.toISOString()],
    );
  }

  const rollups = () =>
    Promise.all([
      db.sql.query(`select * from telemetry_bin order by bin_start, metric, source`),
      db.sql.query(`select * from telemetry_latency_hour order by hour_start, metric, source`),
    ]);

  test('over whole clock hours the window equals the raw rows: counts, errors and worst bins exactly, p50 / p95 within 2 %', async () => {
    await db.sql.transaction((tx) => generateTelemetry(tx, { site: TEST_SITE, rows: 30_000, from, to }));
    await foldAll();
    const read = await window();
    const truth = await exact();
    expect(read.metrics.map((m) => [m.metric, m.source])).toEqual(truth.map((t) => [t.metric, t.source]));
    for (const t of truth) {
      const m = read.metrics.find((w) => w.metric === t.metric && w.source === t.source)!;
      expect({
        count: m.count,
        errors: m.errors,
        narrow: m.worstNarrowErrorRate,
        wide: m.worstWideErrorRate,
      }).toEqual({
        count: t.n,
        errors: t.errors,
        narrow: t.worst_narrow,
        wide: t.worst_wide,
      });
      expect(Math.abs(m.p50Ms - t.p50) / t.p50).toBeLessThan(0.02);
      expect(Math.abs(m.p95Ms - t.p95) / t.p95).toBeLessThan(0.02);
    }
    const registry = read.metrics.find((m) => m.metric === 'registry_lookup' && m.source === 'organic')!;
    expect(registry.rateLimited).toBeGreaterThan(0);
    // Evidence before alarm: the generator's registry lookups come from 45 of its 50 people (every tenth
    // call is a sync), so with 46 required no window is judged.
    const [people] = await db.sql.query<{ n: number }>(
      "select count(distinct caller)::int as n from telemetry_event where metric = 'registry_lookup' and source = 'organic'",
    );
    expect(people!.n).toBe(45);
    const strict = await window(from, to, 46);
    expect(strict.metrics.map((m) => [m.worstNarrowErrorRate, m.worstWideErrorRate])).toEqual(
      strict.metrics.map(() => [null, null]),
    );
    // Samples: the two latest rows of the window, newest first.
    const latest = await db.sql.query<{ recorded_at: Date }>(
      `select recorded_at from telemetry_event where metric = 'registry_lookup' and source = 'organic' and recorded_at < $1
       order by recorded_at desc limit 2`,
      [to.toISOString()],
    );
    expect(registry.samples.map((s) => new Date(s.recordedAt).getTime())).toEqual(
      latest.map((row) => new Date(row.recorded_at).getTime()),
    );
  });

  test('folding again changes nothing; an audit row says what each fold read', async () => {
    await db.sql.transaction((tx) => generateTelemetry(tx, { site: TEST_SITE, rows: 3_000, from, to }));
    await foldAll();
    const first = await rollups();
    expect(await fold()).toMatchObject({ pendingHours: 0, lateRowsDropped: 0 });
    expect(await rollups()).toEqual(first);
    const audits = await db.sql.query<{ rows: number }>(
      `select (detail ->> 'rows')::int as rows from ops_audit_log where action = 'telemetry_folded' order by id`,
    );
    expect(audits[0]!.rows).toBe(3_000);
  });

  test('late rows and end-to-end rewrites of folded hours are counted by the next fold', async () => {
    await db.sql.transaction((tx) => generateTelemetry(tx, { site: TEST_SITE, rows: 3_000, from, to }));
    await foldAll();
    const before = (await window()).metrics.find((m) => m.metric === 'sync_execution' && m.source === 'organic')!;
    const [rewritten] = await db.sql.query<{ id: string; recorded_at: Date }>(
      `select id, recorded_at from telemetry_event where metric = 'sync_execution' and source = 'organic' and outcome = 'success' order by recorded_at limit 1`,
    );
    const late = {
      id: crypto.randomUUID(),
      metric: 'sync_execution',
      source: 'organic',
      outcome: 'success',
      durationMs: 30,
      attributes: {},
      recordedAt: new Date(from.getTime() + 60_000).toISOString(),
    };
    const rewrite = {
      ...late,
      id: rewritten!.id,
      outcome: 'error',
      recordedAt: new Date(rewritten!.recorded_at).toISOString(),
    };
    await db.sql.query(`select hdc_record_telemetry($1, $2::jsonb)`, [TEST_SITE, JSON.stringify([late, rewrite])]);
    expect((await window()).metrics.find((m) => m.metric === 'sync_execution' && m.source === 'organic')).toMatchObject(
      { count: before.count, errors: before.errors },
    );
    await foldAll();
    expect((await window()).metrics.find((m) => m.metric === 'sync_execution' && m.source === 'organic')).toMatchObject(
      {
        count: before.count + 1,
        errors: before.errors + 1,
      },
    );
  });

  test('raw rows are pruned only from folded hours; a late row for a pruned hour is dropped, its rollup kept', async () => {
    await db.sql.transaction((tx) => generateTelemetry(tx, { site: TEST_SITE, rows: 3_000, from, to }));
    const prune = async (before: Date) =>
      (
        await db.sql.query<{ n: number }>(`select hdc_prune($1, 'telemetry', $2, 50000, 'test') as n`, [
          TEST_SITE,
          before.toISOString(),
        ])
      )[0]!.n;
    // Nothing folded yet: nothing may go.
    expect(await prune(to)).toBe(0);
    await foldAll();
    const folded = await window();
    const firstHourEnd = new Date(from.getTime() + HOUR_MS);
    expect(await prune(new Date(firstHourEnd.getTime() + 30 * 60_000))).toBe(1_000); // whole hours only: the first
    expect(await window()).toEqual(folded);
    const late = {
      id: crypto.randomUUID(),
      metric: 'registry_lookup',
      source: 'organic',
      outcome: 'error',
      durationMs: 5,
      attributes: {},
      recordedAt: from.toISOString(),
    };
    await db.sql.query(`select hdc_record_telemetry($1, $2::jsonb)`, [TEST_SITE, JSON.stringify([late])]);
    const fold1 = await fold();
    expect(fold1.lateRowsDropped).toBe(1);
    expect(await window()).toEqual(folded);
  });

  test('a window of minutes that are not a multiple of 5 is refused with what to set', async () => {
    await expect(
      db.sql.query(`select hdc_telemetry_window($1, now() - interval '1 day', now(), 20, 0, 7, 5)`, [TEST_SITE]),
    ).rejects.toMatchObject({
      code: 'HDC04',
      hint: expect.stringContaining('5-minute'),
    });
  });
});
