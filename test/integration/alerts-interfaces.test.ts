import type { AlertView } from '../../src/contract/alerts';
import { openPgliteExecutor } from '../../src/store/pglite-executor';
import { LOCAL_SITE_ID as LOCAL_SITE } from '../../src/shared/site';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

// The alerts as operators reach them: hdc-ops alerts list|ack|resolve|evaluate [--json], on the demo.
// (The resolver keys alerts.* answer the same service: test/integration/alerts.test.ts covers its rules.)
const runner = useCliOnEmbeddedDatabase();
const run = (args: string[]) => runner.cli(args, { HDC_PARENT_PAGE_ID: '1000001' });
const OPERATOR = 'demo-operator';

beforeAll(async () => {
  expect((await run(['migrate'])).code).toBe(0);
  expect((await run(['seed', '--demo'])).code).toBe(0);
});

test('evaluate, list, acknowledge and resolve from the command line; a non-operator is refused', async () => {
  // A cleanup job that failed a minute ago: a P3 alert at the next evaluation.
  const sql = await openPgliteExecutor(runner.dataDir);
  try {
    await sql.query(
      `insert into cleanup_job (site_id, kind, parent_page_id, status, error, finished_at)
       values ($1, 'scan', '1000001', 'failed', '{"message": "Confluence refused the scan"}', now() - interval '1 minute')`,
      [LOCAL_SITE],
    );
  } finally {
    await sql.close();
  }
  const evaluated = await run(['alerts', 'evaluate', '--json']);
  expect(evaluated.code).toBe(0);
  expect(JSON.parse(evaluated.out)).toMatchObject({
    // The demo's Data Week 2026 has waited three days for an escalation note: that fires too.
    fired: expect.arrayContaining([
      expect.objectContaining({ rule: 'cleanup_job_failed', severity: 'P3' }),
      expect.objectContaining({
        rule: 'escalation_waiting',
        title: 'Data Week 2026 has waited 72 h for an escalation note',
      }),
    ]),
  });

  const refused = await run(['alerts', 'list', '--as-account', 'not-an-operator']);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/\[forbidden\]/);

  const listed = await run(['alerts', 'list', '--as-account', OPERATOR, '--json']);
  const alert = (JSON.parse(listed.out) as AlertView[]).find((a) => a.rule === 'cleanup_job_failed');
  expect(alert).toMatchObject({ status: 'firing', title: 'A cleanup scan job failed: Confluence refused the scan' });
  expect((await run(['alerts', 'list', '--as-account', OPERATOR])).out).toMatch(
    new RegExp(`^id +severity +status[\\s\\S]*${alert!.id} +P3 +firing`),
  );

  const acked = await run(['alerts', 'ack', String(alert!.id), '--as-account', OPERATOR]);
  expect(acked).toMatchObject({ code: 0, out: `Alert ${alert!.id} acknowledged: ${alert!.title}` });
  const resolved = await run([
    'alerts',
    'resolve',
    String(alert!.id),
    '--as-account',
    OPERATOR,
    '--note',
    'Scanned again',
  ]);
  expect(resolved).toMatchObject({ code: 0, out: `Alert ${alert!.id} resolved: ${alert!.title}` });
  expect((await run(['alerts', 'list', '--as-account', OPERATOR])).out).not.toMatch(new RegExp(`^${alert!.id} `, 'm'));
  const all = JSON.parse(
    (await run(['alerts', 'list', '--as-account', OPERATOR, '--all', '--json'])).out,
  ) as AlertView[];
  expect(all).toContainEqual(
    expect.objectContaining({ id: alert!.id, status: 'resolved', resolution: 'Scanned again' }),
  );
});

test('acknowledging and resolving an alert that does not exist is a clear error, exit 1', async () => {
  const ack = await run(['alerts', 'ack', '424242', '--as-account', OPERATOR]);
  expect(ack.code).toBe(1);
  expect(ack.err).toMatch(/\[not_found\]: No alert 424242 on this site/);
  const bad = await run(['alerts', 'resolve', 'x', '--as-account', OPERATOR]);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/x is not an alert id/);
});

test('alerts configure: a page id or none, by an HDC operator; bad input changes nothing', async () => {
  const bad = await run(['alerts', 'configure', '--ops-page', 'HDC Operations', '--as-account', OPERATOR]);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--ops-page must be a Confluence page id \(digits\) or none/);
  const refused = await run(['alerts', 'configure', '--ops-page', '1000189', '--as-account', 'demo-non-admin']);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/\[forbidden\]: demo-non-admin is not an HDC operator of this site/);
  const set = await run([
    'alerts',
    'configure',
    '--ops-page',
    '1000189',
    '--report-page',
    '1000191',
    '--as-account',
    OPERATOR,
    '--json',
  ]);
  expect(set.code).toBe(0);
  expect(JSON.parse(set.out)).toMatchObject({ opsPageId: '1000189', reportPageId: '1000191' });
  const cleared = await run(['alerts', 'configure', '--ops-page', 'none', '--as-account', OPERATOR]);
  expect(cleared.out).toMatch(/No operations page: alerts stay in HDC Ops/);
  // Without an operations page the evaluation's delivery says why nothing left.
  const evaluated = await run(['alerts', 'evaluate']);
  expect(evaluated.out).toMatch(
    /Delivery: 0 notifications delivered, 0 failed, \d+ held\. No operations page is configured/,
  );
});

describe('the resolver keys alerts.list, alerts.ack and alerts.resolve', () => {
  const resolvers = useResolversOnTestDatabase();
  test('are for HDC operators only, checked before anything changes; an operator acknowledges and resolves', async () => {
    await resolvers.services.operators.add('op-1', 'test');
    await resolvers.db.sql.query(
      `insert into cleanup_job (site_id, kind, parent_page_id, status, finished_at) values ($1, 'scan', '100', 'failed', now())`,
      [TEST_SITE],
    );
    await resolvers.services.alerts.evaluate();
    const listed = await resolvers.invoke<AlertView[]>('alerts.list', {}, 'op-1');
    expect(listed).toMatchObject({ ok: true, data: [expect.objectContaining({ rule: 'cleanup_job_failed' })] });
    const id = listed.ok ? listed.data[0]!.id : 0;

    for (const [key, payload] of [
      ['alerts.list', {}],
      ['alerts.ack', { alertId: id }],
      ['alerts.resolve', { alertId: id, note: 'not mine to resolve' }],
    ] as const) {
      expect(await resolvers.invoke(key, payload, 'someone')).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await resolvers.invoke('alerts.ack', { alertId: -1 }, 'op-1')).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    const stored = () => resolvers.db.sql.query('select status, acknowledged_by, resolved_by from ops_alert');
    expect(await stored()).toEqual([{ status: 'firing', acknowledged_by: null, resolved_by: null }]);

    expect(await resolvers.invoke('alerts.ack', { alertId: id }, 'op-1')).toMatchObject({
      ok: true,
      data: { status: 'acknowledged', changed: true },
    });
    expect(await resolvers.invoke('alerts.resolve', { alertId: id, note: 'Rescanned' }, 'op-1')).toMatchObject({
      ok: true,
      data: { status: 'resolved', resolution: 'Rescanned' },
    });
    expect(await stored()).toEqual([{ status: 'resolved', acknowledged_by: 'op-1', resolved_by: 'op-1' }]);
  });
});
