import type { ReportHistory, WeeklyReport } from '../../src/contract/weekly-report';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

const resolvers = useResolversOnTestDatabase({ parentPageId: '800', environment: 'test' });
const OPERATOR = 'ops-1';
const READER = 'reader-1';

async function canonicalEvent() {
  const eventId = await makeEvent(resolvers.db.sql, { name: 'HDC Auto canonical', parentPageId: '800' });
  await makeAdmin(resolvers.db.sql, eventId, 'canon-admin');
  await makeHack(resolvers.db.sql, eventId);
  return eventId;
}
async function generate(accountId = OPERATOR) {
  const reply = await resolvers.invoke<WeeklyReport>('report.generate', {}, accountId);
  if (!reply.ok) throw new Error(`report.generate: ${reply.error.code}`);
  return reply.data;
}
const count = async (table: string) =>
  (await resolvers.db.sql.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

test('only HDC operators may generate a report on demand; a refusal stores nothing', async () => {
  await canonicalEvent();
  expect(await resolvers.invoke('report.generate', {}, READER)).toMatchObject({
    ok: false,
    error: { code: 'forbidden', guidance: expect.stringContaining('operator') },
  });
  expect(await count('weekly_report')).toBe(0);
  expect(await count('ops_audit_log')).toBe(0);
  await resolvers.services.operators.add(OPERATOR, 'test');
  expect(await resolvers.invoke('report.generate', {}, OPERATOR)).toMatchObject({
    ok: true,
    data: { generatedBy: OPERATOR },
  });
  expect(await resolvers.db.sql.query(`select actor, action from ops_audit_log order by id`)).toEqual([
    { actor: 'test', action: 'operator_added' },
    { actor: OPERATOR, action: 'report_generated' },
  ]);
});

test('an operator removed while their report is being generated is refused when it is stored, in that transaction; nothing is stored', async () => {
  await canonicalEvent();
  await resolvers.services.operators.add(OPERATOR, 'test');
  // The report's first step reads the clock: the operator is removed after the early check, before the
  // store (the embedded database runs statements in the order they are sent).
  let removed = false;
  const clock = {
    monotonicMs: () => 0,
    now: () => {
      if (!removed) {
        removed = true;
        void resolvers.db.sql.query('delete from hdc_operator where account_id = $1', [OPERATOR]);
      }
      return new Date('2026-12-07T09:00:00Z');
    },
  };
  const services = resolvers.db.app({ clock }).servicesFor({ site: TEST_SITE });
  await expect(services.verification.generateReportAs({ accountId: OPERATOR })).rejects.toMatchObject({
    code: 'forbidden',
    message: 'Only HDC operators may generate a weekly report',
  });
  expect(removed).toBe(true);
  expect(await count('weekly_report')).toBe(0);
  expect(await resolvers.db.sql.query(`select action from ops_audit_log where action = 'report_generated'`)).toEqual(
    [],
  );
});

test('a report from real data: FAIL on an integrity defect, then PASS once fixed, with the change against last week', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  const eventId = await canonicalEvent();
  await resolvers.services.registry.list({ parentPageId: '800', limit: 10 });
  await resolvers.services.sampleTelemetry();

  const first = await generate();
  expect(first).toMatchObject({
    status: 'FAIL',
    severity: 'SEV-2',
    environment: 'test',
    canonicalQuery: 'HDC Auto',
    previous: null,
  });
  expect(first.integrity.checklist.find((item) => item.key === 'noSyncState')).toMatchObject({ value: 1, ok: false });
  expect(first.findings.map((f) => f.rule)).toContain('integrity_regression');
  expect(first.budgets.map((b) => [b.name, b.ok])).toEqual([
    ['registry_lookup', true],
    ['complete_and_sync', true],
  ]);
  expect(first.budgets[0]!.organic?.count).toBe(1);
  expect(first.budgets[0]!.probe?.count).toBe(1);
  expect(first.coverage.map((c) => [c.metric, c.seen, c.samples.length > 0])).toEqual([
    ['registry_lookup', true, true],
    ['sync_execution', true, true],
  ]);
  expect(first.coverage[0]!.samples[0]).toMatch(/^\[hdc-telemetry\] \{"metric":"registry_lookup"/);
  expect(first.orphanPages).toEqual({ measured: false, note: expect.stringContaining('Not measured') });

  await resolvers.services.sync.completeAndSync({ accountId: 'canon-admin' }, eventId);
  // Not measured is not a pass: without an orphan-page scan the week is CONDITIONAL, and says why.
  const unscanned = await generate();
  expect(unscanned).toMatchObject({ status: 'CONDITIONAL', severity: 'none' });
  expect(unscanned.findings.map((f) => f.rule)).toEqual(['orphan_scan_missing']);
  await resolvers.db.sql.query(
    `insert into cleanup_scan (site_id, parent_page_id, started_by, trigger, status, finished_at, result)
     values ($1, '800', 'scheduled', 'scheduled', 'complete', now(), $2)`,
    [
      TEST_SITE,
      { counts: { pages: 1, events: 1, missing: 0, orphanPages: 0, danglingEvents: 0, duplicateReferences: 0 } },
    ],
  );
  // A report regenerated in the same week is not "last week".
  const sameWeek = await generate();
  expect(sameWeek).toMatchObject({ status: 'PASS', severity: 'none', previous: null });
  // The first report, as if the Monday trigger had written it a week earlier: now it is last week.
  await resolvers.db.sql.query(
    `update weekly_report set week_of = week_of - 7, generated_at = generated_at - interval '7 days' where id = $1`,
    [first.id],
  );
  const second = await generate();
  expect(second).toMatchObject({ status: 'PASS', severity: 'none', previous: { id: first.id, status: 'FAIL' } });
  expect(second.budgets[0]!.previousP95Ms).toBe(first.budgets[0]!.judgedP95Ms);
  expect(second.budgets[0]!.changeMs).not.toBeNull();
});

test('a week without sampler runs or telemetry is CONDITIONAL, with follow-ups that say why', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  const eventId = await canonicalEvent();
  await resolvers.services.sync.completeAndSync({ accountId: 'canon-admin' }, eventId);
  await resolvers.services.flushTelemetry();
  await resolvers.db.sql.exec('delete from telemetry_event');
  const report = await generate();
  expect(report).toMatchObject({ status: 'CONDITIONAL', severity: 'none' });
  expect(report.budgets.map((b) => b.ok)).toEqual([null, null]);
  expect(report.followUps).toEqual(
    expect.arrayContaining([
      expect.stringContaining('did not run this week'),
      expect.stringContaining('No registry_lookup telemetry'),
    ]),
  );
});

test('anyone may read the history and the reports; the history says whether the viewer is an operator', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  await canonicalEvent();
  const first = await generate();
  const second = await generate();
  const asReader = await resolvers.invoke<ReportHistory>('report.list', {}, READER);
  expect(asReader).toMatchObject({ ok: true, data: { viewerIsOperator: false } });
  if (asReader.ok) expect(asReader.data.reports.map((r) => r.id)).toEqual([second.id, first.id]);
  expect(await resolvers.invoke('report.list', {}, OPERATOR)).toMatchObject({
    ok: true,
    data: { viewerIsOperator: true },
  });
  expect(await resolvers.invoke('report.get', {}, READER)).toMatchObject({ ok: true, data: { id: second.id } });
  expect(await resolvers.invoke('report.get', { id: first.id }, READER)).toMatchObject({
    ok: true,
    data: { id: first.id },
  });
  expect(await resolvers.invoke('report.get', { id: 99999 }, READER)).toMatchObject({
    ok: false,
    error: { code: 'not_found' },
  });
  expect(await resolvers.invoke('report.get', { id: 'one' }, READER)).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
});

test('the Markdown export has the template sections, in order', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  await canonicalEvent();
  const report = await generate();
  const reply = await resolvers.invoke<{ markdown: string; fileName: string }>(
    'report.markdown',
    { id: report.id },
    READER,
  );
  expect(reply.ok).toBe(true);
  if (!reply.ok) return;
  expect(reply.data.fileName).toBe(`hdc-weekly-verification-${report.weekOf}-${report.id}.md`);
  const headings = reply.data.markdown.split('\n').filter((line) => line.startsWith('## '));
  expect(headings).toEqual([
    '## 1. Metadata',
    '## 2. Run log',
    '## 3. Integrity checklist',
    '## 4. Budget checklist',
    '## 5. Event inventory',
    '## 6. Overall decision',
    '## 7. Incident notes',
  ]);
  expect(reply.data.markdown).toContain('| Events without sync state | 1 | 0 | ❌ |');
  expect(reply.data.markdown).toContain('**FAIL**');
  expect(reply.data.markdown).toContain('- Severity: SEV-2');
  // The decision's sentence agrees with the status and the severity; the forbidden share is its own figure.
  expect(reply.data.markdown).toContain(
    'Release posture: Failed with a SEV-2 incident: hold releases until the SEV-2 findings below are mitigated.',
  );
  expect(reply.data.markdown).toMatch(
    /Refused as forbidden \(people without the right, not errors\): (no window with enough calls and people to judge|worst [\d.]+ %)/,
  );
});

test('without any report, the latest is a not-found error that says how to generate one', async () => {
  expect(await resolvers.invoke('report.get', {}, READER)).toMatchObject({
    ok: false,
    error: { code: 'not_found', guidance: expect.stringContaining('Generate now') },
  });
});

test('operators: adding twice and removing a stranger are clear errors that change nothing', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  await expect(resolvers.services.operators.add(OPERATOR, 'test')).rejects.toMatchObject({ code: 'validation' });
  await expect(resolvers.services.operators.remove('nobody', 'test')).rejects.toMatchObject({ code: 'not_found' });
  expect(await count('ops_audit_log')).toBe(1);
  expect(await resolvers.services.operators.remove(OPERATOR, 'test')).toEqual([]);
  expect(await resolvers.invoke('report.generate', {}, OPERATOR)).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
});

test('hypercare: calls refused as forbidden past 5 % of a window are the SEV-2 rollback finding; the exit criteria show the day count', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  const eventId = await canonicalEvent();
  // 25 Complete + Sync clicks by five people who are not the event's admins: all refused as forbidden.
  for (let i = 0; i < 25; i += 1) {
    expect(await resolvers.invoke('sync.complete', { eventId }, `not-an-admin-${i % 5}`)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  }
  // In one 5-minute window whatever the clock says (the calls could straddle two bins).
  await resolvers.services.flushTelemetry();
  await resolvers.db.sql.query(
    `update telemetry_event set recorded_at = date_bin('5 minutes', now() - interval '20 minutes', timestamptz 'epoch') + interval '1 minute'`,
  );
  const report = await generate();
  expect(report.hypercare).toMatchObject({
    authFailure: { breached: true, rollbackRate: 0.05, windowMinutes: 5 },
    exit: { met: false, consecutiveDays: 0, requiredDays: 7 },
  });
  expect(report.hypercare?.authFailure.worstRate).toBeGreaterThan(0.9);
  expect(report.findings).toEqual(
    expect.arrayContaining([expect.objectContaining({ rule: 'auth_failure_rollback', severity: 'SEV-2' })]),
  );
  expect(report).toMatchObject({ status: 'FAIL', severity: 'SEV-2' });
  expect(report.runLog).toEqual(
    expect.arrayContaining([expect.objectContaining({ check: 'Hypercare rollback', status: 'FAIL' })]),
  );
});

test('the Markdown export shows names people typed as text: no HTML, and no link of a scheme other than http(s)', async () => {
  await resolvers.services.operators.add(OPERATOR, 'test');
  const hostile = [
    'HDC Auto <img src=x onerror=alert(1)>',
    'HDC Auto [click](javascript:alert(1)) | `code` *bold*',
    'HDC Auto <javascript:alert(2)>',
  ];
  for (const name of hostile) {
    const eventId = await makeEvent(resolvers.db.sql, { name, parentPageId: '800' });
    await makeAdmin(resolvers.db.sql, eventId, 'canon-admin');
  }
  const report = await generate();
  const reply = await resolvers.invoke<{ markdown: string }>('report.markdown', { id: report.id }, READER);
  if (!reply.ok) throw new Error(reply.error.code);
  const { markdown } = reply.data;
  expect(markdown).not.toMatch(/<[A-Za-z!/?]/);
  // A link needs an unescaped ']('.
  expect(markdown).not.toMatch(/(?<!\\)\]\((?!https?:)/);
  expect(markdown).toContain('HDC Auto &lt;img src=x onerror=alert(1)&gt;');
  expect(markdown).toContain('HDC Auto \\[click\\](javascript:alert(1)) \\| \\`code\\` \\*bold\\*');
  // The inventory table keeps its columns: the escaped pipe is not a cell boundary.
  const row = markdown.split('\n').find((line) => line.includes('\\[click\\]'))!;
  expect(row.split(/(?<!\\)\|/).length).toBe(
    markdown
      .split('\n')
      .find((line) => line.startsWith('| Event | Lifecycle'))!
      .split('|').length,
  );
});
