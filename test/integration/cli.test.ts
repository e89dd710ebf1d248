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
  expect(JSON.parse(first.out)).toMatchObject({
    applied: readMigrationFiles().map((file) => file.fileName),
    functions: expect.arrayContaining(['hdc_run_sync']),
  });
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
  expect(demo.accounts).toEqual({
    primaryAdmin: 'demo-primary-admin',
    coAdmin: 'demo-co-admin',
    nonAdmin: 'demo-non-admin',
    operator: 'demo-operator',
  });
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

test("sync complete as a non-admin exits 1 with forbidden; the demo's canonical event was synced by the seed, so a second sync is refused as read-only", async () => {
  const canonical = demo.events.find((e) => e.name.startsWith('HDC Auto'))!;
  const refused = await cli(['sync', 'complete', '--event-id', canonical.id, '--as-account', demo.accounts.nonAdmin]);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/error \[forbidden\]/);
  const again = await cli([
    'sync',
    'complete',
    '--event-id',
    canonical.id,
    '--as-account',
    demo.accounts.primaryAdmin,
    '--json',
  ]);
  expect(again.code).toBe(1);
  expect(JSON.parse(again.out)).toMatchObject({ error: { code: 'read_only' } });
  expect(again.err).toBe('');
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
  expect(await cli(['operator', 'add', 'cli-operator'])).toMatchObject({
    code: 0,
    out: expect.stringContaining('cli-operator'),
  });
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
  expect(first.err).toMatch(/folded \d+ hours?, \d+ rows?/);
  const again = await cli(['telemetry', 'fold']);
  expect(again).toMatchObject({
    code: 0,
    out: expect.stringMatching(/^Telemetry folded: \d+ hours?, \d+ raw rows? read in 1 call\.$/),
  });
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

describe("the CLI keeps the README's promises", () => {
  const summer = () => demo.events.find((e) => e.name === 'Summer Hack 2026')!;
  const byName = (name: string) => demo.events.find((e) => e.name === name)!;

  test("registry list defaults to the demo's parent page when the demo is seeded and HDC_PARENT_PAGE_ID is not set", async () => {
    const listed = await cli(['registry', 'list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({ parentPageId: demo.parentPageId });
  });

  test("a malformed --cursor is bad usage: exit 2, naming the flag and the command's own help", async () => {
    const result = await cli(['registry', 'list', '--cursor', 'not-a-cursor']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--cursor is not a cursor this command printed/);
    expect(result.err).toContain('help: hdc-ops registry list --help');
    expect(result.err).not.toContain('<command>');
  });

  test('sync status needs exactly one of --event-id or --page-id, and says so', async () => {
    const result = await cli(['sync', 'status']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('needs exactly one of --event-id or --page-id');
    expect(result.err).toContain('help: hdc-ops sync status --help');
  });

  test("a sync that ends partial exits 1 after printing its result; sync status then shows the tree's next step", async () => {
    const partial = await cli([
      'sync',
      'complete',
      '--event-id',
      summer().id,
      '--as-account',
      demo.accounts.primaryAdmin,
      '--json',
    ]);
    expect(partial.code).toBe(1);
    expect(JSON.parse(partial.out)).toMatchObject({ state: { status: 'partial' } });
    expect(partial.err).toMatch(/The sync ended partial/);
    const status = await cli(['sync', 'status', '--event-id', summer().id]);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/Next step: Retry once\./);
    expect(status.out).toMatch(/Event admins: demo-primary-admin \(primary\)/);
  });

  test('sync escalate records the note the tree asks for; a short note is exit 2 stating the minimum', async () => {
    await cli(['sync', 'retry', '--event-id', summer().id, '--as-account', demo.accounts.primaryAdmin]);
    const before = await cli(['sync', 'status', '--event-id', summer().id]);
    expect(before.out).toMatch(/Next step: Escalate with telemetry/);
    const short = await cli([
      'sync',
      'escalate',
      '--event-id',
      summer().id,
      '--note',
      'too short',
      '--as-account',
      demo.accounts.primaryAdmin,
    ]);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/--note must say what was checked and who was told \(10 characters or more\)/);
    const note = 'Asked the owners to fill in titles; told the HDC ops channel.';
    const escalated = await cli([
      'sync',
      'escalate',
      '--event-id',
      summer().id,
      '--note',
      note,
      '--as-account',
      demo.accounts.primaryAdmin,
      '--json',
    ]);
    expect(escalated.code).toBe(0);
    expect(JSON.parse(escalated.out)).toMatchObject({
      state: { escalation: { note, accountId: demo.accounts.primaryAdmin, usedAt: null } },
    });
    expect((await cli(['sync', 'status', '--event-id', summer().id])).out).toMatch(
      /Next step: Retry once \(escalated\)/,
    );
  });

  test('Complete + Sync before hacking is refused as not_ready (exit 1); in voting it needs --end-early', async () => {
    const early = await cli([
      'sync',
      'complete',
      '--event-id',
      byName('Registration Open').id,
      '--as-account',
      demo.accounts.primaryAdmin,
    ]);
    expect(early.code).toBe(1);
    expect(early.err).toMatch(/error \[not_ready\]/);
    const voting = byName('Voting Week');
    const unconfirmed = await cli([
      'sync',
      'complete',
      '--event-id',
      voting.id,
      '--as-account',
      demo.accounts.primaryAdmin,
    ]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.err).toMatch(/--end-early/);
    const ended = await cli([
      'sync',
      'complete',
      '--event-id',
      voting.id,
      '--as-account',
      demo.accounts.primaryAdmin,
      '--end-early',
      '--json',
    ]);
    expect(ended.code).toBe(0);
    expect(JSON.parse(ended.out)).toMatchObject({ lifecycle: 'completed', attempt: { action: 'end_early' } });
  });

  test('dry-run says when no event matches, and exits 1', async () => {
    const result = await cli(['dry-run', '--event-query', 'No such event anywhere']);
    expect(result.code).toBe(1);
    expect(result.out).toBe('No event matches "No such event anywhere": the dry-run checked nothing.');
    expect(result.out).not.toMatch(/Total submitted hacks/);
  });

  test('bulk seeding twice never repeats a name', async () => {
    await cli(['seed', '--events', '3', '--parent-page-id', '6100001']);
    await cli(['seed', '--events', '3', '--parent-page-id', '6100001']);
    const listed = JSON.parse((await cli(['registry', 'list', '--parent-page-id', '6100001', '--json'])).out) as {
      events: { name: string }[];
    };
    const names = listed.events.map((e) => e.name);
    expect(names).toHaveLength(6);
    expect(new Set(names).size).toBe(6);
  });

  test.each([['demo'], ['weekly-check']])('%s takes --json', async (command) => {
    const result = await cli([command, '--json']);
    expect(result.err).not.toMatch(/unknown option/);
    expect(() => JSON.parse(result.out) as unknown).not.toThrow();
  });
});
