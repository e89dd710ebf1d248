import { randomUUID } from 'node:crypto';
import type { SiteId } from '../shared/site';
import type { Clock } from '../shared/clock';
import type { TelemetryAttributes, TelemetryEvent, TelemetryMetric, TelemetrySource } from './telemetry-event';
import { TelemetryAttributesSchema, formatTelemetryLine } from './telemetry-event';
import type { CallOutcome } from './call-outcome';
import type { TelemetryOutbox } from './telemetry-outbox';

/** A measured call on its way to the database, which writes its row under `id`. */
export interface TelemetryCall {
  readonly id: string;
  readonly metric: TelemetryMetric;
  readonly source: TelemetrySource;
  /**
   * The person who made the call (a viewer's account id), absent for probes and scheduled work. The
   * database keeps only a key of it (hdc_caller_key), so the evidence rules can count people; it is
   * never logged.
   */
  readonly account?: string;
}

interface CallResult {
  outcome: CallOutcome;
  durationMs: number;
  attributes: TelemetryAttributes;
}

export interface TelemetryRecorder {
  /** Opens the record of a call about to reach the database: pass its id to the store. */
  begin(metric: TelemetryMetric, account?: string): TelemetryCall;
  /**
   * Closes it: one log line, and the end-to-end view (duration, outcome, attributes) queued for the
   * next call of this site, which replaces the database's own measurement of the same row, or
   * writes the row if the call never reached the database. Never throws.
   */
  end(call: TelemetryCall, result: CallResult): void;
  /** A call refused before it reached the database (bad payload): one log line (outcome rejected), no row. */
  refused(metric: TelemetryMetric, attributes: TelemetryAttributes): void;
}

export interface TelemetryRecorderDeps {
  outbox: TelemetryOutbox;
  site: SiteId;
  clock: Clock;
  log: (line: string) => void;
  source?: TelemetrySource;
}

export function createTelemetryRecorder(deps: TelemetryRecorderDeps): TelemetryRecorder {
  const source = deps.source ?? 'organic';
  const eventOf = (id: string, metric: TelemetryMetric, result: CallResult, account?: string): TelemetryEvent => ({
    id,
    metric,
    source,
    ...(account === undefined ? {} : { account }),
    outcome: result.outcome,
    durationMs: Math.round(result.durationMs * 1000) / 1000,
    recordedAt: deps.clock.now().toISOString(),
    attributes: TelemetryAttributesSchema.parse(result.attributes),
  });
  return {
    begin: (metric, account) => ({ id: randomUUID(), metric, source, ...(account === undefined ? {} : { account }) }),
    end(call, result) {
      try {
        const event = eventOf(call.id, call.metric, result, call.account);
        deps.log(formatTelemetryLine(event));
        deps.outbox.enqueue(deps.site, event);
      } catch {
        // Telemetry must never fail the user's operation; a bad attribute is a bug caught in tests.
      }
    },
    refused(metric, attributes) {
      try {
        deps.log(
          formatTelemetryLine(eventOf(randomUUID(), metric, { outcome: 'rejected', durationMs: 0, attributes })),
        );
      } catch {
        // As above.
      }
    },
  };
}
