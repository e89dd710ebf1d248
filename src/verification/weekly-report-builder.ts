import type { RunLogEntry, WeeklyReport } from '../contract/weekly-report';
import { isoWeekMonday } from './report-period';
import { judgeWeek } from './weekly-report-judgment';
import type { WeeklyReportInput } from './weekly-report-judgment';

/** The weekly report composed from the week's judgment (weekly-report-judgment.ts): run log, follow-ups, the stored shape. Pure. */
export function buildWeeklyReport(input: WeeklyReportInput): Omit<WeeklyReport, 'id'> {
  const {
    checklist,
    budgets,
    errorRates,
    coverage,
    hypercare,
    evaluation,
    orphanFigures,
    failedChecks,
    failedRuns,
    sections,
    status,
    severity,
  } = judgeWeek(input);

  const runLog: RunLogEntry[] = [
    {
      check: 'Migration-integrity dry-run',
      source: `hdc-ops dry-run --event-query "${input.canonicalQuery}" (report.integrityDryRun)`,
      status: sections.integrity,
      detail: `${input.dryRun.summary.events} event(s) checked at ${input.dryRun.checkedAt}`,
    },
    {
      check: 'Performance budgets',
      source:
        'p50 / p95 per metric from the hourly latency histograms of the hours the week touches (log buckets: within 1.5 % of the exact value), organic and probe apart',
      status: sections.budgets,
      detail: budgets
        .map(
          (b) =>
            `${b.name} ${b.judgedP95Ms === null ? 'not measured' : `${b.judgedP95Ms.toFixed(1)} ms`} / ${b.budgetMs} ms`,
        )
        .join('; '),
    },
    {
      check: 'Telemetry coverage',
      source: 'calls per metric and source in the 5-minute telemetry rollups',
      status: sections.coverage,
      detail: coverage
        .map((c) => `${c.metric} ${c.seen ? `seen (${c.organicCount + c.probeCount})` : 'not seen'}`)
        .join('; '),
    },
    {
      check: 'Error rates',
      source: `outcomes in the 5-minute telemetry rollups; worst ${input.thresholds.error_rate.escalate.window_minutes}- and ${input.thresholds.error_rate.rollback.window_minutes}-minute bins, aligned to the clock`,
      status: sections.errors,
      detail: errorRates
        .map((r) => `${r.metric} ${r.rate === null ? 'no calls' : `${(r.rate * 100).toFixed(2)} %`}`)
        .join('; '),
    },
    {
      check: 'Scheduled sampler',
      source: 'scheduledTrigger telemetry-sampler (hourly)',
      status: sections.sampler,
      detail: `${input.samplerRuns.length} run(s), ${failedRuns.length} failed`,
    },
  ];

  runLog.push({
    check: 'Orphan pages',
    source: orphanFigures.measured
      ? `orphan-page scan ${orphanFigures.scanId} (${orphanFigures.trigger}, ${orphanFigures.scannedAt})`
      : 'orphan-page scans (cleanup.scan, weekly orphan-scan trigger)',
    status: sections.orphans,
    detail: orphanFigures.note,
  });

  const auth = hypercare.hypercare.authFailure;
  runLog.push({
    check: 'Hypercare',
    source: `forbidden refusals per ${auth.windowMinutes}-minute window, and daily error rates, in the organic telemetry rollups; stored SEV-2 reports`,
    status: sections.hypercare,
    detail: `auth failures ${auth.worstRate === null ? 'not judged (too few calls)' : `worst ${(auth.worstRate * 100).toFixed(1)} %`} (rollback at ${(auth.rollbackRate * 100).toFixed(1)} %); ${hypercare.hypercare.exit.detail}`,
  });

  const followUps = [...new Set(evaluation.findings.map((f) => f.action))];
  for (const item of failedChecks) {
    followUps.push(`${item.label}: ${item.value} (expected ${item.expected}); the dry-run lists the events.`);
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
    hypercare: hypercare.hypercare,
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
