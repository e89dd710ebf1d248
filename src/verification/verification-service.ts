import type { IntegrityDryRun, Operator } from '../contract/verification';
import type { ReportHistory, WeeklyReport } from '../contract/weekly-report';
import { AppError, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Viewer } from '../shared/viewer';
import type { Store } from '../store/store';
import { reportPeriod } from './report-period';
import type { Thresholds } from './thresholds';
import { buildWeeklyReport } from './weekly-report-builder';

export interface VerificationSettings {
  thresholds: Thresholds;
  canonicalEventQuery: string;
  environment: string;
}

export interface VerificationServiceDeps extends VerificationSettings {
  store: Store;
  clock: Clock;
}

export const SCHEDULED_GENERATOR = 'scheduled';
const HISTORY_LIMIT = 52;

export interface VerificationService {
  dryRun(eventQuery?: string): Promise<IntegrityDryRun>;
  /** Builds and stores the report for the 7 days before now. `generatedBy`: an operator's account or "scheduled". */
  generateReport(generatedBy: string): Promise<WeeklyReport>;
  /** report.generate: operators only, checked here on every call. */
  generateReportAs(viewer: Viewer): Promise<WeeklyReport>;
  history(viewer: Viewer, limit?: number): Promise<ReportHistory>;
  report(id: number | null): Promise<WeeklyReport>;
  addOperator(accountId: string, actor: string): Promise<Operator[]>;
  removeOperator(accountId: string, actor: string): Promise<Operator[]>;
  listOperators(): Promise<Operator[]>;
}

export function createVerificationService(deps: VerificationServiceDeps): VerificationService {
  async function previousReport(): Promise<WeeklyReport | null> {
    try {
      return await deps.store.getWeeklyReport(null);
    } catch (error) {
      if (toAppError(error).code === 'not_found') return null;
      throw error;
    }
  }

  async function generateReport(generatedBy: string): Promise<WeeklyReport> {
    const generatedAt = deps.clock.now();
    const period = reportPeriod(generatedAt);
    const rules = deps.thresholds.error_rate;
    const dryRun = await deps.store.integrityDryRun(deps.canonicalEventQuery);
    const telemetry = await deps.store.telemetryWindow({
      from: period.start,
      to: period.end,
      minCalls: rules.min_calls_per_window,
      wideMinutes: rules.escalate.window_minutes,
      narrowMinutes: rules.rollback.window_minutes,
    });
    const samplerRuns = await deps.store.scheduledRuns({ job: 'telemetry_sampler', from: period.start, limit: 1000 });
    const report = buildWeeklyReport({
      thresholds: deps.thresholds,
      periodStart: period.start,
      periodEnd: period.end,
      generatedAt,
      generatedBy,
      environment: deps.environment,
      canonicalQuery: deps.canonicalEventQuery,
      dryRun,
      telemetry,
      samplerRuns,
      previous: await previousReport(),
    });
    const id = await deps.store.storeWeeklyReport(report);
    return { ...report, id };
  }

  return {
    dryRun: (eventQuery) => deps.store.integrityDryRun(eventQuery ?? deps.canonicalEventQuery),
    generateReport,
    async generateReportAs(viewer) {
      if (!(await deps.store.isOperator(viewer.accountId))) {
        throw new AppError('forbidden', 'Only HDC operators can generate a weekly report', {
          guidance: 'Ask an HDC operator, or wait for the weekly scheduled report. Operators are managed with hdc-ops operator add.',
          retryable: false,
        });
      }
      return generateReport(viewer.accountId);
    },
    async history(viewer, limit = HISTORY_LIMIT) {
      const [reports, viewerIsOperator] = await Promise.all([
        deps.store.listWeeklyReports(limit),
        deps.store.isOperator(viewer.accountId),
      ]);
      return { reports, viewerIsOperator };
    },
    report: (id) => deps.store.getWeeklyReport(id),
    addOperator: (accountId, actor) => deps.store.addOperator(accountId, actor),
    removeOperator: (accountId, actor) => deps.store.removeOperator(accountId, actor),
    listOperators: () => deps.store.listOperators(),
  };
}
