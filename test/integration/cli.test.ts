import { readMigrationFiles } from '../../src/store/migration-files';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

// The CLI in-process, on an embedded database in a temporary folder: exit codes, output and errors.
const { cli } = useCliOnEmbeddedDatabase();

interface DemoSeed {
  parentPageId: string;
  accounts: { primaryAdmin: string; coAdmin: string; nonAdmin: string };
  events: { id: string; name: string; lifecycle: string; pageId: string | null }[];
}
let demo: DemoSeed;

test('migrate applies every migration once, then nothing', async () => {
  const first = await cli(['migrate', '--json']);
  expect(first.code).toBe(0);
  expect(JSON.parse(first.out)).toMatchObject({ applied: readMigrationFiles().map((file) => file.fileName), functions: expect.arrayContaining(['hdc_complete_and_sync']) });
  const second = await cli(['migrate', '--json']);
  expect(JSON.parse(second.out)).toMatchObject({ applied: [], functions: [] });
});

test('seed --demo --json prints the ids and accounts it created; a second seed is refused with exit 1', async () => {
  const seeded = await cli(['seed', '--demo', '--json']);
  expect(seeded.code).toBe(0);
  demo = JSON.parse(seeded.out) as DemoSeed;
  expect(demo.parentPageId).toBe('1000001');
  expect(demo.events.length).toBeGreaterThanOrEqual(8);
  expect(new Set(demo.events.map((e) => e.lifecycle)).size).toBeGreaterThanOrEqual(4);
  expect(demo.accounts).toEqual({ primaryAdmin: 'demo-primary-admin', coAdmin: 'demo-co-admin', nonAdmin: 'demo-non-admin', operator: 'demo-operator' });
  const again = await cli(['seed', '--demo']);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/error \[conflict\].*already seeded/);
  expect(again.err).toMatch(/what to do:/);
});

test('registry list shows the demo events sorted by name', async () => {
  const listed = await cli(['registry', 'list', '--parent-page-id', demo.parentPageId, '--json']);
  expect(listed.code).toBe(0);
  const names = (JSON.parse(listed.out) as { events: { name: string }[] }).events.map((e) => e.name);
  expect(names).toHaveLength(demo.events.length);
  expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
});

test('sync complete as a non-admin exits 1 with forbidden; the demo\'s canonical event was synced by the seed, so a second sync is refused as read-only', async () => {
  const canonical = demo.events.find((e) => e.name.startsWith('HDC Auto'))!;
  const refused = await cli(['sync', 'complete', '--event-id', canonical.id, '--as-account', demo.accounts.nonAdmin]);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/error \[forbidden\]/);
  const again = await cli(['sync', 'complete', '--event-id', canonical.id, '--as-account', demo.accounts.primaryAdmin, '--json']);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/error \[read_only\]/);
  const status = await cli(['sync', 'status', '--page-id', canonical.pageId!]);
  expect(status.out).toMatch(/Sync: complete/);
});

test('bad usage exits 2 naming the flag or variable, and never runs the command', async () => {
  const badId = await cli(['sync', 'status', '--event-id', 'not-a-uuid']);
  expect(badId.code).toBe(2);
  expect(badId.err).toMatch(/--event-id/);
  const noMode = await cli(['seed']);
  expect(noMode.code).toBe(2);
  const unknown = await cli(['sync', 'explode']);
  expect(unknown.code).toBe(2);
  const badEnv = await cli(['registry', 'list'], { HDC_PARENT_PAGE_ID: 'not-a-page' });
  expect(badEnv.code).toBe(2);
  expect(badEnv.err).toMatch(/HDC_PARENT_PAGE_ID/);
  expect(badEnv.err).not.toMatch(/not-a-page/);
});

test('dry-run, operator and weekly-check: exit 1 on a defect or FAIL, Markdown in the template shape', async () => {
  // The canonical event was synced by the seed; Summer Hack 2026 has not been synced.
  expect(await cli(['dry-run'])).toMatchObject({ code: 0, out: expect.stringContaining('no sync state 0') });
  const dry = await cli(['dry-run', '--event-query', 'summer']);
  expect(dry.code).toBe(1);
  expect(dry.out).toContain('Summer Hack 2026');
  expect(dry.out).toContain('no sync state 1');
  expect(await cli(['operator', 'add', 'not an id!'])).toMatchObject({ code: 2 });
  expect(await cli(['operator', 'promote', 'x'])).toMatchObject({ code: 2 });
  expect(await cli(['operator', 'add', 'cli-operator'])).toMatchObject({ code: 0, out: expect.stringContaining('cli-operator') });
  const listed = await cli(['operator', 'list', '--json']);
  expect(JSON.parse(listed.out)).toEqual([
    expect.objectContaining({ accountId: 'cli-operator' }),
    expect.objectContaining({ accountId: 'demo-operator', addedBy: 'demo seed' }),
  ]);
  expect(await cli(['operator', 'add', 'cli-operator'])).toMatchObject({ code: 1 });

  const conditional = await cli(['weekly-check']);
  expect(conditional).toMatchObject({ code: 0, out: expect.stringContaining('CONDITIONAL') }); // no sampler run yet
  const weekly = await cli(['weekly-check', '--format', 'markdown'], { HDC_CANONICAL_EVENT_QUERY: 'Summer' });
  expect(weekly.code).toBe(1);
  expect(weekly.out).toMatch(/^# Weekly verification report — week of \d{4}-\d{2}-\d{2}/);
  expect(weekly.out).toContain('## 7. Incident notes');
  expect(weekly.err).toContain('FAILED');
  expect((await cli(['weekly-check', '--format', 'pdf'])).code).toBe(2);
});

test('telemetry fold folds what the commands above recorded, shows its progress, then has nothing pending', async () => {
  const first = await cli(['telemetry', 'fold', '--json']);
  expect(first.code).toBe(0);
  const totals = JSON.parse(first.out) as { hours: number; rows: number; calls: number };
  expect(totals.calls).toBeGreaterThanOrEqual(1);
  expect(first.err).toMatch(/folded \d+ hour\(s\), \d+ row\(s\)/);
  const again = await cli(['telemetry', 'fold']);
  expect(again).toMatchObject({ code: 0, out: expect.stringMatching(/^Telemetry folded: \d+ hour\(s\), \d+ raw row\(s\) read in 1 call\(s\)\.$/) });
});

test('dry-run exits 1 and names the defect when one canonical event has no submitted hack', async () => {
  const created = await cli(['seed', '--events', '1', '--hacks', '0', '--parent-page-id', '6000001', '--json']);
  expect(created.code).toBe(0);
  // Bulk events are named "Bench event NNNNNN": query them as the canonical set.
  const dry = await cli(['dry-run', '--event-query', 'Bench event']);
  expect(dry.code).toBe(1);
  expect(dry.err).toContain('Events without submitted hacks 1');
  expect(dry.out).toContain('no submitted hacks 1');
});

test('a bad thresholds file stops every command with exit 2, naming the field', async () => {
  const result = await cli(['dry-run'], { HDC_THRESHOLDS_YAML: 'budgets: 3' });
  expect(result.code).toBe(2);
  expect(result.err).toContain('HDC_THRESHOLDS_YAML is invalid: budgets');
});
