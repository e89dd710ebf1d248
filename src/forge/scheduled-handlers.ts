import type { AppSettings } from '../app/app-settings';
import type { App, AppServices } from '../app/create-app';
import { chooseParentPage } from '../shared/parent-page';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';

/**
 * The scheduled functions' timeoutSeconds in manifest.yml (a test keeps them equal). Their work
 * stops a few seconds before, so that the run can still record how it ended.
 */
export const SCHEDULED_TIMEOUT_SECONDS = {
  telemetrySampler: 120,
  weeklyReport: 300,
  orphanScan: 60,
  alertEvaluator: 60,
  privacyReport: 300,
} as const;
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

type ScheduledJob = (services: AppServices, settings: AppSettings) => Promise<boolean>;

/** A scheduled function for the installation that invoked it (its context's installContext). */
function scheduled(name: string, timeoutSeconds: number, job: ScheduledJob, deps: ScheduledDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (_request: unknown, context: unknown): Promise<ScheduledResponse> => {
    const deadline = deadlineAfter(timeoutSeconds * 1000 - MARGIN_MS, deps.clock ?? systemClock);
    try {
      const app = await deps.app();
      const services = app.servicesFor({ site: siteOfContext(context), deadline });
      return { statusCode: (await job(services, app.settings)) ? 200 : 500 };
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
  scheduled(
    'hdc-sampler',
    SCHEDULED_TIMEOUT_SECONDS.telemetrySampler,
    async (services) => (await services.sampleTelemetry()).status === 'ok',
    deps,
  );

/** `weekly-report` (weekly): generates and stores the report; the run is recorded, failed or not. */
export const buildWeeklyReportTrigger = (deps: ScheduledDeps) =>
  scheduled(
    'hdc-weekly-report',
    SCHEDULED_TIMEOUT_SECONDS.weeklyReport,
    async (services) => {
      const run = await services.verification.runScheduledReport();
      if (run.status === 'ok') await publishReport(services, deps);
      return run.status === 'ok';
    },
    deps,
  );

/**
 * The newest weekly report as a Confluence page, when one waits. A failure is logged and does not fail
 * the run: the alert evaluator tries again every five minutes until the page is written.
 */
async function publishReport(services: AppServices, deps: ScheduledDeps): Promise<void> {
  const log = deps.log ?? console.log;
  try {
    const published = await services.reportPublication.publishPending();
    if (published.status === 'published')
      log(`[hdc-report-page] report ${published.reportId} published as page ${published.pageId}`);
  } catch (error) {
    log(`[hdc-report-page] not published: ${toAppError(error).code}; the next alert run tries again`);
  }
}

/**
 * `alert-evaluator` (every five minutes): one alert evaluation in one database round trip; it fires,
 * keeps and resolves the site's alerts (src/alerts/alert-service.ts), then delivers their notifications
 * through Confluence (src/alerts/alert-delivery.ts). A failed run is logged; the next one five
 * minutes later starts afresh, and delivers what this one could not.
 */
export const buildAlertEvaluatorTrigger = (deps: ScheduledDeps) =>
  scheduled(
    'hdc-alerts',
    SCHEDULED_TIMEOUT_SECONDS.alertEvaluator,
    async (services) => {
      const log = deps.log ?? console.log;
      try {
        const run = await services.alerts.evaluate();
        log(`[hdc-alerts] ${run.fired.length} fired, ${run.resolved.length} resolved, ${run.open} open`);
        // Delivery after the evaluation's own transaction: a Confluence outage never loses an alert.
        const delivery = await services.alertDelivery.deliver();
        log(
          `[hdc-alerts] delivery: ${delivery.delivered} delivered (${delivery.capped} capped), ${delivery.failed} failed, ${delivery.held} held`,
        );
        await publishReport(services, deps);
        return delivery.failed === 0;
      } catch (error) {
        log(`[hdc-alerts] failed: ${toAppError(error).code}`);
        return false;
      }
    },
    deps,
  );

/**
 * `orphan-scan` (weekly): starts the scan of the HDC parent page's tree as a background job, as the
 * app; the job runs on the queue to the end whatever the tree's size, and records its scheduled run
 * when it ends. A scan still running is left to finish (one per site); a stuck one is taken over.
 * Without HDC_PARENT_PAGE_ID there is nothing to scan.
 */
export const buildOrphanScanTrigger = (deps: ScheduledDeps) =>
  scheduled(
    'hdc-orphan-scan',
    SCHEDULED_TIMEOUT_SECONDS.orphanScan,
    async (services, settings) => {
      const parentPageId = chooseParentPage({ configured: settings.parentPageId });
      if (parentPageId === undefined) {
        (deps.log ?? console.log)('[hdc-orphan-scan] skipped: HDC_PARENT_PAGE_ID is not set');
        return true;
      }
      const job = await services.cleanupJobs.start(null, { kind: 'scan', parentPageId });
      (deps.log ?? console.log)(`[hdc-orphan-scan] job ${job.jobId} ${job.status}`);
      return true;
    },
    deps,
  );

/**
 * `privacy-report` (daily): the personal data report (src/privacy/privacy-service.ts) when one is due —
 * a pass in progress, or none completed in the last week — as the app. A pass too long for one run
 * goes on in the next; closed accounts are erased page by page as Atlassian answers.
 */
export const buildPrivacyReportTrigger = (deps: ScheduledDeps) =>
  scheduled(
    'hdc-privacy',
    SCHEDULED_TIMEOUT_SECONDS.privacyReport,
    async (services) => {
      const run = await services.privacy.reportIfDue();
      (deps.log ?? console.log)(
        `[hdc-privacy] ${run.status}: ${run.reported} reported in ${run.requests} requests, ${run.closed} closed (${run.erased} erased), ${run.updated} updated${run.message === undefined ? '' : `; ${run.message}`}`,
      );
      return run.status !== 'failed';
    },
    deps,
  );
