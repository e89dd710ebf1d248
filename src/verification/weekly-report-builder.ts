import type { RunLogEntry, WeeklyReport } from '../contract/weekly-report';
import { isoWeekMonday } from './report-period';
import { judgeWeek } from './weekly-report-judgment';
import { checkGuidance } from './integrity-checklist';
import { judgeErrorBudgets } from './error-budget-rules';
import { countOf } from '../contract/plural';
import type { SectionKey } from './report-sections';
import { REPORT_SECTIONS } from './report-sections';
import type { WeeklyReportInput } from './weekly-report-judgment';

/** The weekly report composed from the week's judgment (weekly-report-judgment.ts): run log, follow-ups, the stored shape. Pure. */
export function buildWeeklyReport(input: WeeklyReportInput): Omit<WeeklyReport, 'id'> {
  const {
    checklist,
    budgets,
    errorRates,
    coverage,
    rollback,
    exit,
    evaluation,
    orphanFigures,
    failedChecks,
    failedRuns,
    sections,
    status,
    severity,
  } = judgeWeek(input);
  const rules = input.thresholds.error_rate;

  const lines: Record<SectionKey, { source: string; detail: string }> = {
    integrity: {
      source: `hdc-ops dry-run --event-query "${input.canonicalQuery}" (report.integrityDryRun)`,
      detail: `${countOf(input.dryRun.summary.events, 'event', 'events')} checked, ${countOf(failedChecks.length, 'check', 'checks')} failed`,
    },
    budgets: {
      source:
        'p50 / p95 per metric from the hourly latency histograms of the hours the week touches (log buckets: within 1.5 % of the exact value), organic and probe apart',
      detail: budgets
        .map(
          (b) =>
            `${b.name} ${b.judgedP95Ms === null ? 'not measured' : `${b.judgedP95Ms.toFixed(1)} ms`} / ${b.budgetMs} ms`,
        )
        .join('; '),
    },
    coverage: {
      source: 'calls per metric and source in the 5-minute telemetry rollups',
      detail: coverage
        .map(
          (c) =>
            `${c.metric} ${c.seen ? `seen (${countOf(c.organicCount + c.probeCount, 'call', 'calls')})` : 'not seen'}`,
        )
        .join('; '),
    },
    errors: {
      source: `outcomes in the 5-minute telemetry rollups; worst ${rules.escalate.window_minutes}- and ${rules.rollback.window_minutes}-minute windows, aligned to the clock, judged from ${countOf(rules.min_calls_per_window, 'call', 'calls')} by ${countOf(rules.min_accounts_per_window, 'person', 'people')}`,
      detail: errorRates
        .map((r) => `${r.metric} ${r.rate === null ? 'no calls' : `${(r.rate * 100).toFixed(2)} %`}`)
        .join('; '),
    },
    sampler: {
      source: 'scheduledTrigger telemetry-sampler (hourly)',
      detail: `${countOf(input.samplerRuns.length, 'run', 'runs')} in the week, ${failedRuns.length} failed`,
    },
    orphans: {
      source: orphanFigures.measured
        ? `orphan-page scan ${orphanFigures.scanId} (${orphanFigures.trigger})`
        : 'orphan-page scans (cleanup.scan, weekly orphan-scan trigger)',
      detail: orphanFigures.note,
    },
    hypercareRollback: {
      source: `forbidden refusals per ${rollback.authFailure.windowMinutes}-minute window in the organic telemetry rollups, as calls and as people`,
      detail: rollback.detail,
    },
    hypercareExit: {
      source: 'daily error rates in the organic telemetry rollups; stored SEV-2 reports and this one',
      detail: exit.detail,
    },
  };
  const runLog: RunLogEntry[] = (Object.keys(REPORT_SECTIONS) as SectionKey[]).map((key) => ({
    check: REPORT_SECTIONS[key].title,
    source: lines[key].source,
    status: sections[key].status,
    advisory: sections[key].advisory,
    detail: lines[key].detail,
  }));

  const followUps = [...new Set(evaluation.findings.map((f) => f.action))];
  for (const item of failedChecks) {
    const guidance = checkGuidance(item.key);
    followUps.push(
      `${item.label}: ${item.value} (expected ${item.expected}); the dry-run lists the events.${guidance === undefined ? '' : ` ${guidance}`}`,
    );
  }
  for (const c of coverage.filter((entry) => !entry.seen)) {
    followUps.push(`No ${c.metric} telemetry this week: check that the sampler runs and that telemetry is persisted.`);
  }
  if (input.samplerRuns.length === 0)
    followUps.push('The scheduled sampler did not run this week: check the Forge scheduled trigger.');
  const lastFailure = failedRuns[0];
  if (lastFailure)
    followUps.push(
      `Investigate the failed sampler run of ${lastFailure.startedAt} (${lastFailure.errorCode ?? 'unknown'}).`,
    );

  return {
    weekOf: isoWeekMonday(input.periodStart),
    periodStart: input.periodStart.toISOString(),
    periodEnd: input.periodEnd.toISOString(),
    generatedAt: input.generatedAt.toISOString(),
    generatedBy: input.generatedBy,
    environment: input.environment,
    canonicalQuery: input.canonicalQuery,
    status,
    severity,
    runLog,
    integrity: { dryRun: input.dryRun, checklist },
    budgets,
    errorRates,
    coverage,
    sampler: {
      runs: input.samplerRuns.length,
      failedRuns: failedRuns.length,
      lastRunAt: input.samplerRuns[0]?.startedAt ?? null,
      lastFailure: lastFailure ? `${lastFailure.startedAt}: ${lastFailure.errorCode ?? 'unknown'}` : null,
    },
    orphanPages: orphanFigures,
    hypercare: { authFailure: rollback.authFailure, exit },
    releases: [...input.releases],
    // Shown, not judged: the five-minute alerts act on the budgets' burn rates.
    errorBudgets: judgeErrorBudgets(input.errorBudgets, input.thresholds),
    findings: evaluation.findings,
    followUps,
    evaluationState: evaluation.state,
    previous:
      input.previous?.id === undefined
        ? null
        : {
            id: input.previous.id,
            weekOf: input.previous.weekOf,
            status: input.previous.status,
            severity: input.previous.severity,
          },
  };
}
