import { countOf } from '../contract/plural';
import type { HealthReport, OpsSummary } from '../contract/operations';
import type { IntegrityDryRun } from '../contract/verification';
import { failedChecks, integrityChecklist } from '../verification/integrity-checklist';
import type { DrillReport } from './recovery-drill';

/** The launch-readiness check's parts, as they came out (an error instead of a part that could not run). */
export interface ReadinessParts {
  health: HealthReport;
  dryRun: IntegrityDryRun | { error: string };
  drill: DrillReport | { error: string };
  summary: OpsSummary | { error: string };
}

export interface ReadinessVerdict {
  verdict: 'PASS' | 'FAIL';
  failures: string[];
  warnings: string[];
}

const failed = (part: object): part is { error: string } => 'error' in part;

/** One verdict: FAIL on a failed essential health check, an integrity defect, a failed drill or an SLO at rollback level. */
export function readinessVerdict(parts: ReadinessParts): ReadinessVerdict {
  const failures: string[] = [];
  const warnings: string[] = [];
  if (parts.health.status === 'fail') failures.push(`health: ${parts.health.output ?? 'an essential check failed'}`);
  else if (parts.health.status === 'warn') warnings.push(`health: ${parts.health.output ?? 'a check warns'}`);
  if (failed(parts.dryRun)) failures.push(`integrity dry-run could not run: ${parts.dryRun.error}`);
  else {
    const defects = failedChecks(integrityChecklist(parts.dryRun.summary));
    if (defects.length > 0)
      failures.push(`integrity dry-run: ${defects.map((item) => `${item.label} ${item.value}`).join(', ')}`);
  }
  if (failed(parts.drill)) failures.push(`drill could not run: ${parts.drill.error}`);
  else if (!parts.drill.passed) failures.push(`drill: ${parts.drill.failures.join('; ')}`);
  if (failed(parts.summary)) failures.push(`ops summary could not be read: ${parts.summary.error}`);
  else {
    for (const window of parts.summary.slo) {
      if (window.status === 'rollback') failures.push(`SLO: ${window.detail}`);
      else if (window.status === 'over_target') warnings.push(`SLO: ${window.detail}`);
    }
    if (parts.summary.syncBacklog.escalationsWaiting > 0)
      warnings.push(
        `${countOf(parts.summary.syncBacklog.escalationsWaiting, 'sync escalation', 'sync escalations')} waiting for a note`,
      );
    if (parts.summary.cleanup.itemsFailed > 0)
      warnings.push(`${countOf(parts.summary.cleanup.itemsFailed, 'cleanup item', 'cleanup items')} failed`);
  }
  return { verdict: failures.length === 0 ? 'PASS' : 'FAIL', failures, warnings };
}

export function renderReadinessMarkdown(
  site: string,
  ranAt: string,
  parts: ReadinessParts,
  verdict: ReadinessVerdict,
): string {
  const health = parts.health;
  return [
    `# Launch readiness — ${verdict.verdict}${verdict.verdict === 'PASS' && verdict.warnings.length > 0 ? ' (with warnings)' : ''}`,
    '',
    `- Site: ${site}`,
    `- Ran at: ${ranAt}`,
    `- HDC Ops ${health.releaseId}`,
    '',
    ...(verdict.failures.length > 0 ? ['## Failures', '', ...verdict.failures.map((line) => `- ${line}`), ''] : []),
    ...(verdict.warnings.length > 0 ? ['## Warnings', '', ...verdict.warnings.map((line) => `- ${line}`), ''] : []),
    '## Health',
    '',
    '| Check | Status | Observed | Note |',
    '|---|---|---|---|',
    ...Object.entries(health.checks).flatMap(([name, checks]) =>
      checks.map(
        (c) =>
          `| ${name} | ${c.status} | ${c.observedValue === null ? '—' : `${c.observedValue}${c.observedUnit ? ` ${c.observedUnit}` : ''}`} | ${c.output ?? ''} |`,
      ),
    ),
    '',
    '## Integrity dry-run',
    '',
    failed(parts.dryRun)
      ? `Could not run: ${parts.dryRun.error}`
      : `${countOf(parts.dryRun.summary.events, 'canonical event', 'canonical events')} checked; ${countOf(failedChecks(integrityChecklist(parts.dryRun.summary)).length, 'defect', 'defects')}.`,
    '',
    '## Recovery drill',
    '',
    failed(parts.drill)
      ? `Could not run: ${parts.drill.error}`
      : `${parts.drill.passed ? 'Passed' : 'FAILED'}: RTO ${(parts.drill.rto.ms / 1000).toFixed(2)} s (target ${parts.drill.rto.targetSeconds} s), RPO ${parts.drill.rpo.seconds.toFixed(1)} s (target ${parts.drill.rpo.targetHours} h), ${parts.drill.parity.filter((p) => p.same).length}/${parts.drill.parity.length} tables at parity, ${parts.drill.reads.filter((r) => r.same).length}/${parts.drill.reads.length} reads alike.`,
    '',
    '## Ops summary',
    '',
    failed(parts.summary)
      ? `Could not be read: ${parts.summary.error}`
      : [
          `Sync backlog: ${parts.summary.syncBacklog.partial} partial, ${parts.summary.syncBacklog.failed} failed, ${countOf(parts.summary.syncBacklog.escalationsWaiting, 'escalation', 'escalations')} waiting.`,
          ...parts.summary.slo.map((window) => `- ${window.detail}`),
        ].join('\n'),
    '',
  ].join('\n');
}
