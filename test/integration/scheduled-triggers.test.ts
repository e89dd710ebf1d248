import { buildSamplerTrigger, buildWeeklyReportTrigger } from '../../src/forge/scheduled-handlers';
import { makeAdmin, makeEvent, makeHack } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

const suite = useServicesOnTestDatabase();
const lines: string[] = [];
beforeEach(() => {
  lines.length = 0;
});
const deps = () => ({ services: async () => suite.services, log: (line: string) => lines.push(line) });

test('the weekly trigger generates and stores a report as "scheduled", and records its run', async () => {
  const eventId = await makeEvent(suite.db.sql, { name: 'HDC Auto weekly' });
  await makeAdmin(suite.db.sql, eventId, 'weekly-admin');
  await makeHack(suite.db.sql, eventId);
  expect(await buildWeeklyReportTrigger(deps())()).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query(`select generated_by, status from weekly_report`)).toEqual([{ generated_by: 'scheduled', status: 'FAIL' }]);
  expect(await suite.db.sql.query(`select job, status, detail ->> 'status' as report_status from scheduled_run`)).toEqual([
    { job: 'weekly_report', status: 'ok', report_status: 'FAIL' },
  ]);
  expect(lines).toEqual([expect.stringMatching(/^\[hdc-weekly-report\] FAIL SEV-2 week of \d{4}-\d{2}-\d{2}/)]);
});

test('a weekly run that fails logs why, records a failed run and reports 500; nothing half-stored', async () => {
  const fn = 'hdc_store_weekly_report(jsonb, jsonb)';
  await suite.db.sql.exec(`alter function ${fn} rename to hdc_store_weekly_report_gone`);
  try {
    expect(await buildWeeklyReportTrigger(deps())()).toEqual({ statusCode: 500 });
  } finally {
    await suite.db.sql.exec(`alter function hdc_store_weekly_report_gone(jsonb, jsonb) rename to hdc_store_weekly_report`);
  }
  expect(await suite.db.sql.query(`select count(*)::int as n from weekly_report`)).toEqual([{ n: 0 }]);
  expect(await suite.db.sql.query(`select job, status, error_code from scheduled_run`)).toEqual([{ job: 'weekly_report', status: 'failed', error_code: 'unavailable' }]);
  expect(lines).toEqual([expect.stringContaining('[hdc-weekly-report] failed: unavailable')]);
});

test('the sampler trigger runs one sampling run and answers 200; services that cannot start answer 500', async () => {
  await makeEvent(suite.db.sql, { name: 'HDC Auto sampled' });
  expect(await buildSamplerTrigger(deps())()).toEqual({ statusCode: 200 });
  expect(await suite.db.sql.query(`select job, status from scheduled_run`)).toEqual([{ job: 'telemetry_sampler', status: 'ok' }]);
  const broken = buildSamplerTrigger({ services: () => Promise.reject(new Error('no config')), log: (line) => lines.push(line) });
  expect(await broken()).toEqual({ statusCode: 500 });
  expect(lines.at(-1)).toBe('[hdc-sampler] could not start: internal');
});
