import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { snapshotSite } from '../helpers/builders';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';

// The CLI acts for one site: --site, else HDC_SITE_ID. Two demo HDCs with the same page ids and
// accounts share one embedded database; every command on site A leaves site B's rows as they were.
const runner = useCliOnEmbeddedDatabase();
const { cli } = runner;

/** The rows of a site, read with the embedded database opened between commands (one process at a time). */
async function rowsOf(site: string) {
  const db = await openPgliteExecutor(runner.dataDir);
  try {
    return await snapshotSite(db, site);
  } finally {
    await db.close();
  }
}

interface Seeded {
  events: { id: string; name: string; pageId: string | null }[];
}

test('every command on site A (--site or HDC_SITE_ID) sees only A and changes nothing of B', async () => {
  const a = JSON.parse((await cli(['--site', TEST_SITE, 'seed', '--demo', '--json'])).out) as Seeded;
  const b = JSON.parse((await cli(['seed', '--demo', '--json'], { HDC_SITE_ID: OTHER_SITE })).out) as Seeded;
  expect(a.events.map((e) => e.pageId)).toEqual(b.events.map((e) => e.pageId));
  const idsOfA = new Set(a.events.map((e) => e.id));
  const summerOfA = a.events.find((e) => e.name === 'Summer Hack 2026')!.id;
  const summerOfB = b.events.find((e) => e.name === 'Summer Hack 2026')!.id;
  const before = await rowsOf(OTHER_SITE);

  const onA = (args: string[]) => cli(['--site', TEST_SITE, ...args]);
  const listed = JSON.parse((await onA(['registry', 'list', '--parent-page-id', '1000001', '--json'])).out) as {
    events: { id: string }[];
  };
  expect(new Set(listed.events.map((e) => e.id))).toEqual(idsOfA);
  expect(
    (JSON.parse((await onA(['sync', 'status', '--page-id', '1000102', '--json'])).out) as { eventId: string }).eventId,
  ).toBe(summerOfA);
  // Summer Hack has invalid hacks: the sync ends partial, which the CLI reports with exit 1.
  expect(await onA(['sync', 'complete', '--event-id', summerOfA, '--as-account', 'demo-primary-admin'])).toMatchObject({
    code: 1,
    err: expect.stringContaining('ended partial'),
  });
  expect(await onA(['sync', 'retry', '--event-id', summerOfA, '--as-account', 'demo-co-admin'])).toMatchObject({
    code: 1,
    err: expect.stringContaining('ended partial'),
  });
  expect(await onA(['audit', 'list', '--event-id', summerOfA, '--as-account', 'demo-primary-admin'])).toMatchObject({
    code: 0,
  });
  expect(await onA(['sync', 'complete', '--event-id', summerOfB, '--as-account', 'demo-primary-admin'])).toMatchObject({
    code: 1,
    err: expect.stringContaining('error [not_found]'),
  });
  const dryRun = JSON.parse((await onA(['dry-run', '--event-query', '', '--json'])).out) as {
    events: { eventId: string }[];
  };
  expect(new Set(dryRun.events.map((e) => e.eventId))).toEqual(idsOfA);
  expect(await onA(['operator', 'add', 'site-a-operator'])).toMatchObject({ code: 0 });
  expect(await onA(['operator', 'remove', 'site-a-operator'])).toMatchObject({ code: 0 });
  expect((await onA(['weekly-check', '--format', 'json'])).out).toContain('"weekOf"');
  expect(await onA(['sample', '--json'])).toMatchObject({ out: expect.stringContaining('"status": "ok"') });
  expect(await onA(['migrate'])).toMatchObject({ code: 0 });
  expect(await onA(['seed', '--demo'])).toMatchObject({
    code: 1,
    err: expect.stringContaining(`already seeded on ${TEST_SITE}`),
  });

  expect(await rowsOf(OTHER_SITE)).toEqual(before);
  const ofA = await rowsOf(TEST_SITE);
  // Beside the demo's history (written by the seed), the one report and the one sampler run of site A's commands.
  const byCommands = <T extends { generated_by?: unknown; detail?: unknown }>(rows: T[] | undefined) =>
    (rows ?? []).filter(
      (row) => row.generated_by !== 'scheduled' && !(row.detail as { demoHistory?: boolean } | undefined)?.demoHistory,
    );
  expect(byCommands(ofA.weekly_report as { generated_by: string }[])).toHaveLength(1);
  expect(
    byCommands(ofA.scheduled_run as { detail: unknown }[]).filter((row) => !('reportId' in (row.detail as object))),
  ).toHaveLength(1);
});

test('a site that is not a Confluence site ARI is bad usage (exit 2), named, and nothing runs', async () => {
  const flag = await cli(['--site', 'my-site', 'registry', 'list', '--parent-page-id', '1']);
  expect(flag.code).toBe(2);
  expect(flag.err).toMatch(/--site must be a Confluence site ARI/);
  const env = await cli(['registry', 'list', '--parent-page-id', '1'], { HDC_SITE_ID: 'ari:cloud:jira::site/1' });
  expect(env.code).toBe(2);
  expect(env.err).toMatch(/HDC_SITE_ID/);
});
