import type { AppServices } from '../app/app-services';
import { toAppError } from '../shared/app-error';
import { SCHEDULED_GENERATOR } from '../verification/verification-service';

export interface ScheduledDeps {
  services: () => Promise<AppServices>;
  log?: (line: string) => void;
}

/** What the Forge platform expects back from a scheduled trigger function. */
interface ScheduledResponse {
  statusCode: number;
}

/**
 * `telemetry-sampler` (hourly): one sampling run. A failure is logged and left in scheduled_run by
 * the sampler itself; the next run does not depend on this one.
 */
export function buildSamplerTrigger(deps: ScheduledDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (): Promise<ScheduledResponse> => {
    try {
      const run = await (await deps.services()).sampleTelemetry();
      return { statusCode: run.status === 'ok' ? 200 : 500 };
    } catch (error) {
      // Only reached when the services cannot start (configuration): nothing to record the run in.
      log(`[hdc-sampler] could not start: ${toAppError(error).code}`);
      return { statusCode: 500 };
    }
  };
}

/** `weekly-report` (weekly): generates and stores the report; a failure is logged and recorded. */
export function buildWeeklyReportTrigger(deps: ScheduledDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (): Promise<ScheduledResponse> => {
    const startedAt = new Date();
    let services: AppServices | undefined;
    try {
      services = await deps.services();
      const report = await services.verification.generateReport(SCHEDULED_GENERATOR);
      log(`[hdc-weekly-report] ${report.status} ${report.severity} week of ${report.weekOf} (report ${report.id ?? '?'})`);
      await services.store.recordScheduledRun({
        job: 'weekly_report',
        startedAt,
        status: 'ok',
        detail: { reportId: report.id, status: report.status, severity: report.severity },
        errorCode: null,
      });
      return { statusCode: 200 };
    } catch (caught) {
      const error = toAppError(caught);
      log(`[hdc-weekly-report] failed: ${error.code}: ${error.message}`);
      await services?.store
        .recordScheduledRun({ job: 'weekly_report', startedAt, status: 'failed', detail: { message: error.message }, errorCode: error.code })
        .catch(() => log('[hdc-weekly-report] could not record the failed run'));
      return { statusCode: 500 };
    }
  };
}
