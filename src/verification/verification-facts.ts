import { z } from 'zod';
import { IntegrityEventSchema, MetricWindowSchema, Timestamp } from '../contract/verification';

/*
 * The facts the verification capability reads from the database (the SQL functions' rows), apart
 * from the contract: the macros never see them as they are. The replies built from them are in
 * src/contract/verification.ts.
 */

/** What the database counts for one event of the integrity dry-run (the reply's event without its defects). */
const IntegrityEventFactsSchema = IntegrityEventSchema.omit({ defects: true });
export type IntegrityEventFacts = z.infer<typeof IntegrityEventFactsSchema>;

/** The dry-run as the database answers it: facts only; the checklist judges them. */
export const IntegrityFactsSchema = z.object({
  eventQuery: z.string(),
  checkedAt: Timestamp,
  events: z.array(IntegrityEventFactsSchema),
});
export type IntegrityFacts = z.infer<typeof IntegrityFactsSchema>;

export const TelemetryWindowSchema = z.object({ from: Timestamp, to: Timestamp, metrics: z.array(MetricWindowSchema) });
export type TelemetryWindow = z.infer<typeof TelemetryWindowSchema>;

/** One call of the telemetry fold: hours recomputed, raw rows read, rows too late to fold, hours still waiting. */
export const TelemetryFoldSchema = z.object({
  hours: z.number().int(),
  rows: z.number().int(),
  lateRowsDropped: z.number().int(),
  pendingHours: z.number().int(),
});
export type TelemetryFold = z.infer<typeof TelemetryFoldSchema>;

export const ScheduledRunSchema = z.object({
  id: z.number().int(),
  job: z.enum(['telemetry_sampler', 'weekly_report', 'orphan_scan']),
  startedAt: Timestamp,
  finishedAt: Timestamp,
  status: z.enum(['ok', 'failed']),
  detail: z.record(z.string(), z.unknown()),
  errorCode: z.string().nullable(),
});
export type ScheduledRun = z.infer<typeof ScheduledRunSchema>;

export const SyncProbeSchema = z.object({
  eventId: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  attempt: z.object({ action: z.string(), pushed: z.number(), skipped: z.number(), failed: z.number() }).nullable(),
});
export type SyncProbe = z.infer<typeof SyncProbeSchema>;
