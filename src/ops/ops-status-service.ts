import type { OpsConsole } from '../contract/console';
import type { HealthReport, OpsSummary } from '../contract/operations';
import type { ConfluencePort } from '../confluence/confluence-port';
import type { Clock } from '../shared/clock';
import type { HealthStore } from './health-port';
import type { OperationsStore } from './operations-port';
import type { Thresholds } from '../verification/thresholds';
import { timed } from '../shared/timed';
import { checkReadiness, observeConfluence } from './health-check';
import { judgeReadiness } from './health-rules';
import { judgeSlo } from './slo-rules';
import { judgeErrorBudgets } from '../verification/error-budget-rules';

export interface OpsStatusService {
  /** Readiness (application/health+json): database, schema, Confluence, sampler and backup freshness. */
  readiness(): Promise<HealthReport>;
  /** The ops summary for an HDC operator, in one database round trip; every read is audited. */
  summary(actor: string): Promise<OpsSummary>;
  /** The operators' console: operators, delivery pages, the latest backups and drills, the privacy report. */
  console(actor: string): Promise<OpsConsole>;
}

export interface OpsStatusServiceDeps {
  store: OperationsStore;
  health: HealthStore;
  confluence: { port: ConfluencePort; pageId: string } | null;
  thresholds: Thresholds;
  clock: Clock;
}

export function createOpsStatusService(deps: OpsStatusServiceDeps): OpsStatusService {
  const { thresholds, clock } = deps;
  return {
    readiness: () =>
      checkReadiness({ store: deps.health, confluence: deps.confluence, recovery: thresholds.recovery, clock }),
    console: (actor) => deps.store.opsConsole(actor),
    async summary(actor) {
      // The database refuses who is not an operator before Confluence is asked anything: a refused call makes no outside call.
      const read = await timed(clock, () => deps.store.opsSummary(actor, thresholds.error_budgets.window_days));
      if (!read.ok) throw read.error;
      const confluence = await observeConfluence(deps.confluence, clock);
      const figures = read.value;
      const ms = read.durationMs;
      const now = clock.now();
      const health = judgeReadiness({
        now,
        database: {
          ok: true,
          figures: { ...figures.posture, database: 'ok', checkedAt: figures.generatedAt },
          roundTripMs: ms,
        },
        confluence,
        recovery: thresholds.recovery,
      });
      const backup = figures.posture.newestBackup;
      return {
        ...figures,
        slo: judgeSlo(figures.telemetry, thresholds),
        budgets: judgeErrorBudgets(figures.errorBudgets, thresholds),
        health,
        backupAgeHours: backup === null ? null : (now.getTime() - Date.parse(backup.snapshotAt)) / 3_600_000,
      };
    },
  };
}
