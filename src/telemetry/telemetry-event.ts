import { z } from 'zod';
import { SYNC_ERROR_CATEGORIES } from '../contract/lifecycle';
import { SYNC_ATTEMPT_ACTIONS } from '../contract/results';
import type { CallOutcome } from './call-outcome';

export type TelemetryMetric = 'registry_lookup' | 'sync_execution';
export type TelemetrySource = 'organic' | 'probe';

/**
 * The only attributes telemetry may carry: ids, counts and enums. A closed schema is what keeps
 * names, emails and secrets out of logs and the telemetry table.
 */
export const TelemetryAttributesSchema = z.strictObject({
  rowCount: z.number().int().nonnegative().optional(),
  action: z.enum([...SYNC_ATTEMPT_ACTIONS, 'probe']).optional(),
  /** The call ended on HTTP 429 after its retries (sustained rate limiting is a SEV-2 rule). */
  rateLimited: z.boolean().optional(),
  syncStatus: z.enum(['complete', 'partial', 'failed']).optional(),
  errorCategory: z.enum(SYNC_ERROR_CATEGORIES).optional(),
  retryable: z.boolean().optional(),
  errorCode: z
    .string()
    .regex(/^[a-z_]{1,32}$/)
    .optional(),
  eventId: z.uuid().optional(),
  parentPageId: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  /** The SQLSTATE of a refusal, as the serving SQL function recorded it. */
  sqlState: z
    .string()
    .regex(/^[0-9A-Z]{5}$/)
    .optional(),
  /** A repeated request answered with the first one's stored reply (idempotency key). */
  replayed: z.boolean().optional(),
});
export type TelemetryAttributes = z.infer<typeof TelemetryAttributesSchema>;

export interface TelemetryEvent {
  id: string;
  metric: TelemetryMetric;
  source: TelemetrySource;
  outcome: CallOutcome;
  durationMs: number;
  recordedAt: string;
  attributes: TelemetryAttributes;
  /** Who made the call (TelemetryCall.account): sent to the database, which keeps only its key; never in a log line. */
  account?: string;
}

const TELEMETRY_LOG_PREFIX = '[hdc-telemetry]';

/** `[hdc-telemetry] {"metric":…,"durationMs":…,"outcome":…,…}` — one line, flat, greppable. */
export function formatTelemetryLine(event: TelemetryEvent): string {
  return `${TELEMETRY_LOG_PREFIX} ${JSON.stringify({
    metric: event.metric,
    durationMs: event.durationMs,
    outcome: event.outcome,
    source: event.source,
    ...event.attributes,
    recordedAt: event.recordedAt,
  })}`;
}
