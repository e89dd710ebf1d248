import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { TelemetryAttributes, TelemetryEvent, TelemetryMetric } from './telemetry-event';
import { TelemetryAttributesSchema, formatTelemetryLine } from './telemetry-event';
import type { TelemetryOutbox } from './telemetry-outbox';

export interface TelemetryRecorder {
  /** Emits exactly one log line and queues the record for persistence. Never throws. */
  record(input: {
    metric: TelemetryMetric;
    outcome: 'success' | 'error';
    durationMs: number;
    attributes: TelemetryAttributes;
  }): TelemetryEvent | undefined;
}

export interface TelemetryRecorderDeps {
  outbox: TelemetryOutbox;
  clock: Clock;
  log?: (line: string) => void;
  source?: 'organic' | 'probe';
}

export function createTelemetryRecorder(deps: TelemetryRecorderDeps): TelemetryRecorder {
  const log = deps.log ?? ((line: string) => console.log(line));
  return {
    record(input) {
      try {
        const event: TelemetryEvent = {
          id: randomUUID(),
          metric: input.metric,
          source: deps.source ?? 'organic',
          outcome: input.outcome,
          durationMs: Math.round(input.durationMs * 1000) / 1000,
          recordedAt: deps.clock.now().toISOString(),
          attributes: TelemetryAttributesSchema.parse(input.attributes),
        };
        log(formatTelemetryLine(event));
        deps.outbox.enqueue(event);
        return event;
      } catch {
        // Telemetry must never fail the user's operation; a bad attribute is a bug caught in tests.
        return undefined;
      }
    },
  };
}
