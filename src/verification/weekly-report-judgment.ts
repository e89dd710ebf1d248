import { countOf } from '../contract/plural';
import { failedChecks, integrityChecklist } from './integrity-checklist';
import { decideVerdict, sectionStatus } from '../contract/report-verdict';
import type { Hypercare, HypercareFigures, OrphanFigures, Release } from '../contract/weekly-report';
import type { OrphanScanFigures } from './verification-port';
import type {
  ErrorBudgetFigures,
  IntegrityDryRun,
  MetricWindow,
  ReportStatus,
  Severity,
} from '../contract/verification';
import type { ScheduledRun, TelemetryWindow } from './verification-facts';
import { VERIFIED_METRICS } from '../contract/verification';
import type { BudgetCheck, Coverage, ErrorRateCheck, WeeklyReport } from '../contract/weekly-report';
import { formatTelemetryLine } from '../telemetry/telemetry-event';
import type { TelemetryMetric } from '../telemetry/telemetry-event';
import { evaluateThresholds, judgedP95 } from './threshold-rules';
import { judgeHypercareExit, judgeHypercareRollback } from './hypercare-rules';
import type { SectionKey } from './report-sections';
import { REPORT_SECTIONS, findingsOf } from './report-sections';
import type { Thresholds } from './thresholds';
import { budgetsOf } from './thresholds';

/**
 * The weekly report's judging, apart from gathering (verification-service.ts) and composing
 * (weekly-report-builder.ts): every section's status, the findings and the verdict, from the facts,
 * with the threshold rules applied once. Pure.
 */

export interface WeeklyReportInput {
  thresholds: Thresholds;
  periodStart: Date;
  periodEnd: Date;
  generatedAt: Date;
  generatedBy: string;
  environment: string;
  canonicalQuery: string;
  dryRun: IntegrityDryRun;
  telemetry: TelemetryWindow;
  samplerRuns: readonly ScheduledRun[];
  previous: WeeklyReport | null;
  /** The latest orphan-page scan (and last week's); null when none ran yet. */
  orphans: OrphanScanFigures | null;
  /** The hypercare figures of the days before the report (hdc_hypercare_figures). */
  hypercare: HypercareFigures;
  /** Calls and errors per metric over the error budgets' window (hdc_error_budget_figures). */
  errorBudgets: readonly ErrorBudgetFigures[];
  /** The releases of the week, oldest first: shown beside the figures they may have moved. */
  releases: readonly Release[];
}

function orphanFiguresOf(input: WeeklyReportInput): OrphanFigures {
  const latest = input.orphans;
  if (latest === null) {
    return {
      measured: false,
      note: 'Not measured: no orphan-page scan has run yet (the weekly scan, or Scan in the orphan-page cleanup macro).',
    };
  }
  const { counts, previous } = latest;
  const change =
    previous === null
      ? null
      : {
          orphanPages: counts.orphanPages - previous.counts.orphanPages,
          danglingEvents: counts.danglingEvents - previous.counts.danglingEvents,
          duplicateReferences: counts.duplicateReferences - previous.counts.duplicateReferences,
        };
  const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
  const note =
    `${countOf(counts.orphanPages, 'orphan page', 'orphan pages')}, ${countOf(counts.danglingEvents, 'dangling event', 'dangling events')}, ${countOf(counts.duplicateReferences, 'duplicate reference', 'duplicate references')} of ${countOf(counts.pages, 'page', 'pages')} and ${countOf(counts.events, 'event', 'events')}` +
    (change === null
      ? '; no scan last week to compare with'
      : `; vs last week ${signed(change.orphanPages)} / ${signed(change.danglingEvents)} / ${signed(change.duplicateReferences)}`);
  return {
    measured: true,
    scanId: latest.scanId,
    scannedAt: latest.finishedAt,
    trigger: latest.trigger,
    counts,
    change,
    note,
  };
}

const ageInDays = (from: string, to: Date) => (to.getTime() - new Date(from).getTime()) / 86_400_000;

function statOf(windows: readonly MetricWindow[], metric: string, source: 'organic' | 'probe') {
  const window = windows.find((w) => w.metric === metric && w.source === source);
  return window ? { count: window.count, errors: window.errors, p50Ms: window.p50Ms, p95Ms: window.p95Ms } : null;
}

function budgetChecks(input: WeeklyReportInput): BudgetCheck[] {
  const metrics = input.telemetry.metrics;
  return budgetsOf(input.thresholds).map((budget) => {
    const judged = judgedP95(metrics, budget.metric);
    const previousP95 = input.previous?.budgets.find((b) => b.name === budget.name)?.judgedP95Ms ?? null;
    const changeMs = judged !== null && previousP95 !== null ? judged.p95Ms - previousP95 : null;
    return {
      name: budget.name,
      metric: budget.metric,
      budgetMs: budget.p95Ms,
      organic: statOf(metrics, budget.metric, 'organic'),
      probe: statOf(metrics, budget.metric, 'probe'),
      judgedP95Ms: judged?.p95Ms ?? null,
      ok: judged === null ? null : judged.p95Ms < budget.p95Ms,
      previousP95Ms: previousP95,
      changeMs,
      changePct: changeMs !== null && previousP95 !== null && previousP95 > 0 ? (changeMs / previousP95) * 100 : null,
    };
  });
}

function errorRateChecks(input: WeeklyReportInput): ErrorRateCheck[] {
  return VERIFIED_METRICS.map((metric) => {
    const windows = input.telemetry.metrics.filter((w) => w.metric === metric);
    const count = windows.reduce((sum, w) => sum + w.count, 0);
    const errors = windows.reduce((sum, w) => sum + w.errors, 0);
    const rate = count === 0 ? null : errors / count;
    const worst = (pick: (w: MetricWindow) => number | null) => {
      const values = windows.map(pick).filter((v): v is number => v !== null);
      return values.length === 0 ? null : Math.max(...values);
    };
    return {
      metric,
      count,
      errors,
      rate,
      target: input.thresholds.error_rate.target,
      worstWideErrorRate: worst((w) => w.worstWideErrorRate),
      worstNarrowErrorRate: worst((w) => w.worstNarrowErrorRate),
      ok: rate === null ? null : rate < input.thresholds.error_rate.target,
      previousRate: input.previous?.errorRates.find((r) => r.metric === metric)?.rate ?? null,
    };
  });
}

function coverageOf(window: TelemetryWindow): Coverage[] {
  return VERIFIED_METRICS.map((metric) => {
    const windows = window.metrics.filter((w) => w.metric === metric);
    const organicCount = windows.find((w) => w.source === 'organic')?.count ?? 0;
    const probeCount = windows.find((w) => w.source === 'probe')?.count ?? 0;
    const samples = windows
      .flatMap((w) => w.samples)
      .slice(0, 2)
      .map((sample) =>
        formatTelemetryLine({
          id: '',
          metric: sample.metric as TelemetryMetric,
          source: sample.source,
          outcome: sample.outcome,
          durationMs: sample.durationMs,
          recordedAt: sample.recordedAt,
          attributes: sample.attributes,
        }),
      );
    return { metric, seen: organicCount + probeCount > 0, organicCount, probeCount, samples };
  });
}

/** A section as judged: its key, its status, and whether it only informs (the run log words it later). */
interface JudgedSection {
  key: SectionKey;
  status: ReportStatus;
  advisory: boolean;
}

export interface WeekJudgment {
  checklist: ReturnType<typeof integrityChecklist>;
  budgets: BudgetCheck[];
  errorRates: ErrorRateCheck[];
  coverage: Coverage[];
  rollback: ReturnType<typeof judgeHypercareRollback>;
  exit: Hypercare['exit'];
  evaluation: ReturnType<typeof evaluateThresholds>;
  orphanFigures: OrphanFigures;
  /** The checklist's failed items, once. */
  failedChecks: ReturnType<typeof failedChecks>;
  /** The week's failed sampler runs, newest first. */
  failedRuns: readonly ScheduledRun[];
  /** Every section, in the run log's order (REPORT_SECTIONS). */
  sections: Record<SectionKey, JudgedSection>;
  status: ReportStatus;
  severity: Severity;
}

export function judgeWeek(input: WeeklyReportInput): WeekJudgment {
  const { thresholds } = input;
  const checklist = integrityChecklist(input.dryRun.summary);
  const budgets = budgetChecks(input);
  const errorRates = errorRateChecks(input);
  const coverage = coverageOf(input.telemetry);
  const okRuns = input.samplerRuns.filter((run) => run.status === 'ok');
  const failedRuns = input.samplerRuns.filter((run) => run.status === 'failed');
  const rollback = judgeHypercareRollback(input.hypercare, thresholds);
  const evaluation = evaluateThresholds(thresholds, {
    hypercareFindings: rollback.findings,
    metrics: input.telemetry.metrics,
    probedMetrics: okRuns.length > 0 ? VERIFIED_METRICS : [],
    integrity: { current: input.dryRun.summary, previous: input.previous?.integrity.dryRun.summary ?? null },
    previous: input.previous?.evaluationState ?? null,
    orphans:
      input.orphans === null
        ? null
        : { counts: input.orphans.counts, ageDays: ageInDays(input.orphans.finishedAt, input.generatedAt) },
  });
  const failed = failedChecks(checklist);
  // Each section's own check; the findings that belong to it are folded in below (sectionStatus).
  const checks: Record<Exclude<SectionKey, 'hypercareExit'>, ReportStatus> = {
    integrity: failed.length === 0 ? 'PASS' : 'FAIL',
    budgets: budgets.some((b) => b.ok === null) ? 'CONDITIONAL' : 'PASS',
    coverage: coverage.every((c) => c.seen) ? 'PASS' : 'CONDITIONAL',
    errors: errorRates.some((r) => r.ok === false) ? 'CONDITIONAL' : 'PASS',
    sampler: input.samplerRuns.length === 0 || failedRuns.length > 0 ? 'CONDITIONAL' : 'PASS',
    orphans: 'PASS',
    hypercareRollback: 'PASS',
  };
  const judged = Object.fromEntries(
    Object.entries(checks).map(([key, check]) => {
      const section = key as keyof typeof checks;
      return [
        section,
        {
          key: section,
          status: sectionStatus(check, findingsOf(section, evaluation.findings)),
          advisory: REPORT_SECTIONS[section].advisory,
        },
      ];
    }),
  ) as Record<keyof typeof checks, JudgedSection>;
  const { status, severity } = decideVerdict(Object.values(judged), evaluation.findings);
  // Advisory, and judged last: this report's own severity counts against the exit criteria.
  const exit = judgeHypercareExit(input.hypercare, thresholds, severity);
  return {
    checklist,
    budgets,
    errorRates,
    coverage,
    rollback,
    exit,
    evaluation,
    orphanFigures: orphanFiguresOf(input),
    failedChecks: failed,
    failedRuns,
    sections: {
      ...judged,
      hypercareExit: {
        key: 'hypercareExit',
        status: exit.met ? 'PASS' : 'CONDITIONAL',
        advisory: REPORT_SECTIONS.hypercareExit.advisory,
      },
    },
    status,
    severity,
  };
}
