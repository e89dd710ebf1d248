import type { App, AppServices } from '../app/create-app';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';

/**
 * The scheduled functions' timeoutSeconds in manifest.yml (a test keeps them equal). Their work
 * stops a few seconds before, so that the run can still record how it ended.
 */
export const SCHEDULED_TIMEOUT_SECONDS = { telemetrySampler: 120, weeklyReport: 300, orphanScan: 300 } as const;
const MARGIN_MS = 10_000;

export interface ScheduledDeps {
  app: () => Promise<App>;
  log?: (line: string) => void;
  clock?: Clock;
}

/** What the Forge platform expects back from a scheduled trigger function. */
interface ScheduledResponse {
  statusCode: number;
}

type ScheduledJob = (services: AppServices) => Promise<boolean>;

/** A scheduled function for the installation that invoked it (its context's installContext). */
function scheduled(name: string, timeoutSeconds: number, job: ScheduledJob, deps: ScheduledDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (_request: unknown, context: unknown): Promise<ScheduledResponse> => {
    const deadline = deadlineAfter(timeoutSeconds * 1000 - MARGIN_MS, deps.clock ?? systemClock);
    try {
      const services = (await deps.app()).servicesFor({ site: siteOfContext(context), deadline });
      return { statusCode: (await job(services)) ? 200 : 500 };
    } catch (error) {
      // Only reached when the run cannot start (no installation, configuration): nothing to record it in.
      log(`[${name}] could not start: ${toAppError(error).code}`);
      return { statusCode: 500 };
    }
  };
}

/**
 * `telemetry-sampler` (hourly): one sampling run. A failure is logged and left in scheduled_run by
 * the sampler itself; the next run does not depend on this one.
 */
export const buildSamplerTrigger = (deps: ScheduledDeps) =>
  scheduled('hdc-sampler', SCHEDULED_TIMEOUT_SECONDS.telemetrySampler, async (services) => (await services.sampleTelemetry()).status === 'ok', deps);

/** `weekly-report` (weekly): generates and stores the report; the run is recorded, failed or not. */
export const buildWeeklyReportTrigger = (deps: ScheduledDeps) =>
  scheduled('hdc-weekly-report', SCHEDULED_TIMEOUT_SECONDS.weeklyReport, async (services) => (await services.verification.runScheduledReport()).status === 'ok', deps);

/**
 * `orphan-scan` (weekly): scans the HDC parent page's tree as the app and keeps the result for the
 * macro and the weekly report. Without HDC_PARENT_PAGE_ID there is nothing to scan. A scan cut
 * short by the deadline is resumed by the next run.
 */
export const buildOrphanScanTrigger = (deps: ScheduledDeps & { parentPageId: () => string | undefined }) =>
  scheduled('hdc-orphan-scan', SCHEDULED_TIMEOUT_SECONDS.orphanScan, async (services) => {
    const parentPageId = deps.parentPageId();
    if (parentPageId === undefined) {
      (deps.log ?? console.log)('[hdc-orphan-scan] skipped: HDC_PARENT_PAGE_ID is not set');
      return true;
    }
    return services.verification.runRecordedJob('orphan_scan', async () => {
      const scan = await services.cleanup.scheduledScan(parentPageId);
      // Cut short by the deadline: the next run resumes it.
      return scan === null ? { complete: false } : { complete: true, scanId: scan.scanId, counts: scan.counts };
    });
  }, deps);
