import { renderWeeklyReportMarkdown } from './weekly-report-markdown';
import { randomUUID } from 'node:crypto';
import { integrityDryRunOf } from './integrity-checklist';
import type { IntegrityDryRun } from '../contract/verification';
import type { ScheduledRun } from './verification-facts';
import type { ReportHistory, WeeklyReport } from '../contract/weekly-report';
import { AppError, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Viewer } from '../shared/viewer';
import type { OperatorStore } from '../ops/operator-port';
import type { VerificationStore } from './verification-port';
import { isoWeekMonday, reportPeriod } from './report-period';
import type { FoldTotals } from './telemetry-fold';
import { foldPendingTelemetry } from './telemetry-fold';
import type { Thresholds } from './thresholds';
import { buildWeeklyReport } from './weekly-report-builder';

interface VerificationSettings {
  thresholds: Thresholds;
  canonicalEventQuery: string;
  environment: string;
}

export interface VerificationServiceDeps extends VerificationSettings {
  store: VerificationStore;
  operators: Pick<OperatorStore, 'isOperator'>;
  clock: Clock;
  log: (line: string) => void;
}

const SCHEDULED_GENERATOR = 'scheduled';
const HISTORY_LIMIT = 52;

export interface VerificationService {
  dryRun(eventQuery?: string): Promise<IntegrityDryRun>;
  /**
   * Builds and stores the report for the 7 days before now. `generatedBy`: an operator's account or
   * "scheduled". The same idempotency key again returns the report the first request stored.
   */
  generateReport(generatedBy: string, idempotencyKey?: string): Promise<WeeklyReport>;
  /** report.generate: operators only, checked here on every call. */
  generateReportAs(viewer: Viewer, idempotencyKey?: string): Promise<WeeklyReport>;
  /** The weekly scheduled trigger: generates the report and records the run, failed or not. */
  runScheduledReport(): Promise<
    { status: 'ok'; report: WeeklyReport } | { status: 'failed'; errorCode: string; message: string }
  >;
  /**
   * Runs another scheduled job (the orphan scan) and records how it ended in scheduled_run, as the
   * sampler and the weekly report record theirs: the ops summary counts failed runs of every job.
   */
  runRecordedJob(job: 'orphan_scan', work: () => Promise<object>): Promise<boolean>;
  history(viewer: Viewer, limit?: number): Promise<ReportHistory>;
  /** Folds every pending hour of raw telemetry into the rollups (what reports read), with progress. */
  foldTelemetry(actor: string, onProgress?: (totals: FoldTotals, pendingHours: number) => void): Promise<FoldTotals>;
  report(id: number | null): Promise<WeeklyReport>;
  /** report.markdown: the report (the latest when id is null) as the template's Markdown, with its file name. */
  reportMarkdown(id: number | null): Promise<{ markdown: string; fileName: string }>;
}

export function createVerificationService(deps: VerificationServiceDeps): VerificationService {
  // Checked at the app's time (its clock), like everything else the report says.
  const dryRun = async (eventQuery?: string): Promise<IntegrityDryRun> => ({
    ...integrityDryRunOf(await deps.store.integrityFacts(eventQuery ?? deps.canonicalEventQuery)),
    checkedAt: deps.clock.now().toISOString(),
  });

  /** Runs a scheduled job and records how it ended in scheduled_run, failed or not (a failure is logged as well). */
  async function recorded<T>(
    job: ScheduledRun['job'],
    work: () => Promise<{ value: T; detail: object }>,
  ): Promise<{ status: 'ok'; value: T } | { status: 'failed'; errorCode: string; message: string }> {
    const startedAt = deps.clock.now();
    const tag = `[hdc-${job.replace('_', '-')}]`;
    try {
      const { value, detail } = await work();
      await deps.store.recordScheduledRun({ job, startedAt, status: 'ok', detail, errorCode: null });
      return { status: 'ok', value };
    } catch (caught) {
      const error = toAppError(caught);
      deps.log(`${tag} failed: ${error.code}: ${error.message}`);
      await deps.store
        .recordScheduledRun({
          job,
          startedAt,
          status: 'failed',
          detail: { message: error.message },
          errorCode: error.code,
        })
        .catch(() => deps.log(`${tag} could not record the failed run`));
      return { status: 'failed', errorCode: error.code, message: error.message };
    }
  }

  async function generate(generatedBy: string, idempotencyKey: string, person: string | null): Promise<WeeklyReport> {
    const generatedAt = deps.clock.now();
    const period = reportPeriod(generatedAt);
    const rules = deps.thresholds.error_rate;
    const integrity = await dryRun();
    await foldPendingTelemetry(deps.store, generatedBy);
    const telemetry = await deps.store.telemetryWindow({
      from: period.start,
      to: period.end,
      minCalls: rules.min_calls_per_window,
      minAccounts: rules.min_accounts_per_window,
      wideMinutes: rules.escalate.window_minutes,
      narrowMinutes: rules.rollback.window_minutes,
    });
    const samplerRuns = await deps.store.scheduledRuns({
      job: 'telemetry_sampler',
      from: period.start,
      to: period.end,
      limit: 1000,
    });
    const report = buildWeeklyReport({
      thresholds: deps.thresholds,
      periodStart: period.start,
      periodEnd: period.end,
      generatedAt,
      generatedBy,
      environment: deps.environment,
      canonicalQuery: deps.canonicalEventQuery,
      dryRun: integrity,
      telemetry,
      samplerRuns,
      previous: await deps.store.getWeeklyReportBefore(isoWeekMonday(period.start)),
      orphans: await deps.store.orphanScanFigures({ before: period.start, to: period.end }),
      errorBudgets: await deps.store.errorBudgetFigures({
        to: generatedAt,
        windowDays: deps.thresholds.error_budgets.window_days,
      }),
      releases: (await deps.store.releases(period.start)).filter(
        (release) => Date.parse(release.recordedAt) <= period.end.getTime(),
      ),
      hypercare: await deps.store.hypercareFigures({
        to: generatedAt,
        days: deps.thresholds.hypercare.exit_days,
        windowMinutes: deps.thresholds.hypercare.auth_failure_rollback.window_minutes,
        minCalls: rules.min_calls_per_window,
        minAccounts: rules.min_accounts_per_window,
        minRefusedAccounts: deps.thresholds.hypercare.auth_failure_rollback.min_refused_accounts,
      }),
    });
    return deps.store.storeWeeklyReport(report, idempotencyKey, person);
  }

  const generateReport = (generatedBy: string, idempotencyKey: string = randomUUID()) =>
    generate(generatedBy, idempotencyKey, null);

  return {
    dryRun,
    generateReport,
    async generateReportAs(viewer, idempotencyKey) {
      if (!(await deps.operators.isOperator(viewer.accountId))) {
        throw new AppError('forbidden', 'Only HDC operators can generate a weekly report', {
          guidance: 'Ask an HDC operator, or wait for the weekly scheduled report.',
          retryable: false,
        });
      }
      // Refused here before any work; the database checks again in the transaction that stores it.
      return generate(viewer.accountId, idempotencyKey ?? randomUUID(), viewer.accountId);
    },
    async runRecordedJob(job, work) {
      return (await recorded(job, async () => ({ value: null, detail: await work() }))).status === 'ok';
    },
    async runScheduledReport() {
      const run = await recorded('weekly_report', async () => {
        const report = await generateReport(SCHEDULED_GENERATOR);
        deps.log(
          `[hdc-weekly-report] ${report.status} ${report.severity} week of ${report.weekOf} (report ${report.id ?? '?'})`,
        );
        return { value: report, detail: { reportId: report.id, status: report.status, severity: report.severity } };
      });
      return run.status === 'ok' ? { status: 'ok', report: run.value } : run;
    },
    async history(viewer, limit = HISTORY_LIMIT) {
      const [reports, viewerIsOperator] = await Promise.all([
        deps.store.listWeeklyReports(limit),
        deps.operators.isOperator(viewer.accountId),
      ]);
      const oldest = reports.at(-1);
      // The releases over the charts' span: from the oldest report's week on.
      const releases =
        oldest === undefined ? [] : await deps.store.releases(reportPeriod(new Date(oldest.generatedAt)).start);
      return { reports, viewerIsOperator, releases };
    },
    report: (id) => deps.store.getWeeklyReport(id),
    async reportMarkdown(id) {
      const report = await deps.store.getWeeklyReport(id);
      return {
        markdown: renderWeeklyReportMarkdown(report),
        fileName: `hdc-weekly-verification-${report.weekOf}-${report.id ?? 'draft'}.md`,
      };
    },
    foldTelemetry: (actor, onProgress) => foldPendingTelemetry(deps.store, actor, onProgress),
  };
}
