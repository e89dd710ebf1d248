import { countOf } from '../contract/plural';
import type { Finding, Severity } from '../contract/verification';
import { EvaluationStateSchema } from '../contract/verification';
import type { RegistryService } from '../registry/registry-service';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { timed } from '../shared/timed';
import type { PruneQuery, VerificationStore } from './verification-port';
import type { TelemetryRecorder } from '../telemetry/telemetry-recorder';
import type { FoldTotals } from './telemetry-fold';
import { foldPendingTelemetry } from './telemetry-fold';
import { evaluateThresholds } from './threshold-rules';
import type { Thresholds } from './thresholds';

export interface TelemetrySamplerDeps {
  store: VerificationStore;
  clock: Clock;
  thresholds: Thresholds;
  canonicalEventQuery: string;
  parentPageId: string | undefined;
  /** A registry service whose telemetry is marked `probe`, kept apart from organic calls. */
  probeRegistry: RegistryService;
  probeTelemetry: TelemetryRecorder;
  log: (line: string) => void;
  /** The window judged after the probes (the trigger's interval). */
  windowMinutes?: number;
}

interface ProbeResult {
  metric: 'registry_lookup' | 'sync_execution';
  outcome: 'success' | 'error' | 'skipped';
  durationMs: number | null;
  detail: string;
}

export type SamplerRun =
  | {
      status: 'ok';
      runId: number;
      probes: ProbeResult[];
      findings: Finding[];
      severity: Severity;
      folded: FoldTotals;
      pruned: number;
    }
  | { status: 'failed'; runId: number | null; errorCode: string; message: string };

const ACTOR = 'hdc-telemetry-sampler';
const DEFAULT_WINDOW_MINUTES = 60;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

async function probeRegistry(deps: TelemetrySamplerDeps): Promise<ProbeResult> {
  if (deps.parentPageId === undefined) {
    return { metric: 'registry_lookup', outcome: 'skipped', durationMs: null, detail: 'HDC_PARENT_PAGE_ID is not set' };
  }
  const parentPageId = deps.parentPageId;
  const result = await timed(deps.clock, () => deps.probeRegistry.list({ parentPageId, limit: 100 }));
  return result.ok
    ? {
        metric: 'registry_lookup',
        outcome: 'success',
        durationMs: result.durationMs,
        detail: countOf(result.value.events.length, 'event', 'events'),
      }
    : {
        metric: 'registry_lookup',
        outcome: 'error',
        durationMs: result.durationMs,
        detail: toAppError(result.error).code,
      };
}

async function probeSync(deps: TelemetrySamplerDeps): Promise<ProbeResult> {
  const call = deps.probeTelemetry.begin('sync_execution');
  const result = await timed(deps.clock, () => deps.store.syncProbe(deps.canonicalEventQuery, call));
  const error = result.ok ? undefined : toAppError(result.error);
  deps.probeTelemetry.end(call, {
    outcome: result.ok ? 'success' : 'error',
    durationMs: result.durationMs,
    attributes: result.ok
      ? {
          action: 'probe',
          eventId: result.value.eventId,
          rowCount: result.value.attempt
            ? result.value.attempt.pushed + result.value.attempt.skipped + result.value.attempt.failed
            : 0,
        }
      : { action: 'probe', errorCode: error?.code ?? 'internal' },
  });
  return result.ok
    ? {
        metric: 'sync_execution',
        outcome: 'success',
        durationMs: result.durationMs,
        detail: `${result.value.name}: would be ${result.value.status ?? 'unknown'} (rolled back)`,
      }
    : { metric: 'sync_execution', outcome: 'error', durationMs: result.durationMs, detail: error?.code ?? 'internal' };
}

/** Deletes in bounded batches until a batch comes back short, or the run's share is spent. */
async function pruneInBatches(
  deps: TelemetrySamplerDeps,
  prune: (query: PruneQuery) => Promise<number>,
  before: Date,
): Promise<number> {
  const { prune_batch: batch, max_prune_batches: maxBatches } = deps.thresholds.sampler;
  let pruned = 0;
  for (let round = 0; round < maxBatches; round += 1) {
    const deleted = await prune({ before, batch, actor: ACTOR });
    pruned += deleted;
    if (deleted < batch) break;
  }
  return pruned;
}

/**
 * Raw telemetry past its short retention (folded hours only), rollups past the retention, and
 * idempotent replies past a day (no retry comes that late). Returns the telemetry rows deleted.
 */
async function prune(deps: TelemetrySamplerDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const { raw_retention_days: rawDays, retention_days: rollupDays } = deps.thresholds.sampler;
  const raw = await pruneInBatches(deps, (query) => deps.store.pruneTelemetry(query), new Date(now - rawDays * DAY_MS));
  const rollups = await pruneInBatches(
    deps,
    (query) => deps.store.pruneTelemetryRollups(query),
    new Date(now - rollupDays * DAY_MS),
  );
  await pruneInBatches(deps, (query) => deps.store.pruneIdempotentReplies(query), new Date(now - DAY_MS));
  return raw + rollups;
}

/**
 * One scheduled sampling run: controlled probes (registry lookup on the HDC parent page; the real
 * sync path on the canonical event, rolled back), recorded as probe telemetry; the threshold rules
 * over the last window, with the previous run's streaks; retention pruning in bounded batches.
 * Every run leaves a scheduled_run row; a failed one records why, and the next run starts afresh.
 */
export async function runTelemetrySampler(deps: TelemetrySamplerDeps): Promise<SamplerRun> {
  const startedAt = deps.clock.now();
  try {
    // The probes' rows are written by the calls themselves; their end-to-end view rides along with
    // the first fold call, which records it before it folds.
    const probes = [await probeRegistry(deps), await probeSync(deps)];
    // The window reads the rollups: the probes' rows and everything else written since the last
    // run are folded first.
    const folded = await foldPendingTelemetry(deps.store, ACTOR);
    const windowMinutes = deps.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
    const rules = deps.thresholds.error_rate;
    const window = await deps.store.telemetryWindow({
      from: new Date(startedAt.getTime() - windowMinutes * MINUTE_MS),
      to: new Date(deps.clock.now().getTime() + 1),
      minCalls: rules.min_calls_per_window,
      minAccounts: rules.min_accounts_per_window,
      wideMinutes: rules.escalate.window_minutes,
      narrowMinutes: rules.rollback.window_minutes,
    });
    const [previousRun] = await deps.store.scheduledRuns({
      job: 'telemetry_sampler',
      from: new Date(startedAt.getTime() - DAY_MS),
      to: startedAt,
      limit: 1,
    });
    const previousState =
      previousRun?.status === 'ok'
        ? (EvaluationStateSchema.safeParse(previousRun.detail.evaluationState).data ?? null)
        : null;
    const evaluation = evaluateThresholds(deps.thresholds, {
      metrics: window.metrics,
      probedMetrics: probes.filter((p) => p.outcome !== 'skipped').map((p) => p.metric),
      previous: previousState,
    });
    const pruned = await prune(deps);
    for (const finding of evaluation.findings) {
      deps.log(`[hdc-sampler] ${finding.severity} ${finding.rule}: ${finding.detail}. Action: ${finding.action}`);
    }
    const runId = await deps.store.recordScheduledRun({
      job: 'telemetry_sampler',
      startedAt,
      status: 'ok',
      detail: {
        probes,
        findings: evaluation.findings,
        severity: evaluation.severity,
        evaluationState: evaluation.state,
        folded,
        pruned,
        windowMinutes,
      },
      errorCode: null,
    });
    return {
      status: 'ok',
      runId,
      probes,
      findings: evaluation.findings,
      severity: evaluation.severity,
      folded,
      pruned,
    };
  } catch (caught) {
    const error = toAppError(caught);
    deps.log(`[hdc-sampler] run failed: ${error.code}: ${error.message}`);
    try {
      const runId = await deps.store.recordScheduledRun({
        job: 'telemetry_sampler',
        startedAt,
        status: 'failed',
        detail: { message: error.message, ...(error.guidance ? { guidance: error.guidance } : {}) },
        errorCode: error.code,
      });
      return { status: 'failed', runId, errorCode: error.code, message: error.message };
    } catch (recordError) {
      deps.log(`[hdc-sampler] could not record the failed run: ${toAppError(recordError).code}`);
      return { status: 'failed', runId: null, errorCode: error.code, message: error.message };
    }
  }
}
