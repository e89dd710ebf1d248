import {
  buildAlertEvaluatorTrigger,
  buildSamplerTrigger,
  buildWeeklyReportTrigger,
} from '../../src/forge/scheduled-handlers';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { OTHER_SITE, TEST_SITE } from '../helpers/test-sites';
import { withFunctionOffline } from '../helpers/function-offline';

const lines: string[] = [];
// The app's own log (the weekly report's line) and the triggers' log, without telemetry lines.
const suite = useServicesOnTestDatabase((line) => {
  if (!line.startsWith('[hdc-telemetry]')) lines.push(line);
});
beforeEach(() => {
  lines.length = 0;
});
const deps = () => ({ app: async () => suite.app, log: (line: string) => lines.push(line) });
/** The context argument Forge passes a scheduled function. */
const forgeContext = (site: string = TEST_SITE) => ({ installContext: site });
const scheduledRequest = { context: { cloudId: 'test-cloud', moduleKey: 'weekly-report-trigger' } };

test('the weekly trigger generates and stores a report as "scheduled" for its installation, and records its run', async () => {
  const eventId = await makeEvent(suite.db.sql, { name: 'HDC Auto weekly' });
  await makeAdmin(suite.db.sql, eventId, 'weekly-admin');
  await makeHack(suite.db.sql, eventId);
  expect(await buildWeeklyReportTrigger(deps())(scheduledRequest, forgeContext())).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query(`select site_id, generated_by, status from weekly_report`)).toEqual([
    { site_id: TEST_SITE, generated_by: 'scheduled', status: 'FAIL' },
  ]);
  expect(
    await suite.db.sql.query(`select job, status, detail ->> 'status' as report_status from scheduled_run`),
  ).toEqual([{ job: 'weekly_report', status: 'ok', report_status: 'FAIL' }]);
  expect(lines).toEqual([expect.stringMatching(/^\[hdc-weekly-report\] FAIL SEV-2 week of \d{4}-\d{2}-\d{2}/)]);
});

test('a weekly run that fails logs why, records a failed run and reports 500; nothing half-stored', async () => {
  await withFunctionOffline(suite.db.sql, 'hdc_store_weekly_report', async () => {
    expect(await buildWeeklyReportTrigger(deps())(scheduledRequest, forgeContext())).toEqual({ statusCode: 500 });
  });
  expect(await suite.db.sql.query(`select count(*)::int as n from weekly_report`)).toEqual([{ n: 0 }]);
  expect(await suite.db.sql.query(`select job, status, error_code from scheduled_run`)).toEqual([
    { job: 'weekly_report', status: 'failed', error_code: 'unavailable' },
  ]);
  expect(lines).toEqual([expect.stringContaining('[hdc-weekly-report] failed: unavailable')]);
});

test('the sampler trigger runs one sampling run for its installation and answers 200; an app that cannot start answers 500', async () => {
  await makeEvent(suite.db.sql, { name: 'HDC Auto sampled' });
  expect(await buildSamplerTrigger(deps())(scheduledRequest, forgeContext(OTHER_SITE))).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query(`select site_id, job, status from scheduled_run`)).toEqual([
    { site_id: OTHER_SITE, job: 'telemetry_sampler', status: 'ok' },
  ]);
  const broken = buildSamplerTrigger({
    app: () => Promise.reject(new Error('no config')),
    log: (line) => lines.push(line),
  });
  expect(await broken(scheduledRequest, forgeContext())).toEqual({ statusCode: 500 });
  expect(lines.at(-1)).toBe('[hdc-sampler] could not start: internal');
});

test('a scheduled call without an installation context is refused and touches nothing', async () => {
  expect(await buildSamplerTrigger(deps())(scheduledRequest, {})).toEqual({ statusCode: 500 });
  expect(
    await buildWeeklyReportTrigger(deps())(scheduledRequest, { installContext: 'ari:cloud:jira::site/abc' }),
  ).toEqual({ statusCode: 500 });
  expect(lines).toEqual(['[hdc-sampler] could not start: forbidden', '[hdc-weekly-report] could not start: forbidden']);
  expect(await suite.db.sql.query(`select count(*)::int as n from scheduled_run`)).toEqual([{ n: 0 }]);
  expect(await suite.db.sql.query(`select count(*)::int as n from telemetry_event`)).toEqual([{ n: 0 }]);
});

test('the five-minute trigger evaluates the alerts of its installation only, and a database that is down answers 500 with nothing changed', async () => {
  for (const site of [TEST_SITE, OTHER_SITE]) {
    await suite.db.sql.query(
      `insert into cleanup_job (site_id, kind, parent_page_id, status, finished_at) values ($1, 'scan', '100', 'failed', now())`,
      [site],
    );
  }
  await withFunctionOffline(suite.db.sql, 'hdc_alert_evaluate', async () => {
    expect(await buildAlertEvaluatorTrigger(deps())(scheduledRequest, forgeContext())).toEqual({ statusCode: 500 });
  });
  expect(await suite.db.sql.query('select count(*)::int as n from ops_alert')).toEqual([{ n: 0 }]);
  expect(lines.at(-1)).toBe('[hdc-alerts] failed: unavailable');
  // And once it is back, the next run opens the alert.
  expect(await buildAlertEvaluatorTrigger(deps())(scheduledRequest, forgeContext())).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query('select site_id, rule, status from ops_alert')).toEqual([
    { site_id: TEST_SITE, rule: 'cleanup_job_failed', status: 'firing' },
  ]);
  expect(lines).toContain('[hdc-alerts] 1 fired, 0 resolved, 1 open');
  // No operations page on this site: its notification waits in the database.
  expect(lines.at(-1)).toBe('[hdc-alerts] delivery: 0 delivered (0 capped), 0 failed, 1 held');
});
