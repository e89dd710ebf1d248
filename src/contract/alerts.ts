import { z } from 'zod';

export const ALERT_SEVERITIES = ['P0', 'P1', 'P2', 'P3'] as const;
const ALERT_STATUSES = ['firing', 'acknowledged', 'resolved'] as const;

const When = z.string().min(1);

/** An alert as stored (hdc_alert_json): one open per rule and subject on a site. */
export const AlertSchema = z.object({
  id: z.coerce.number().int(),
  rule: z.string(),
  /** What the rule is about (a metric, an event id, a job id), or ''. */
  subject: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  openedAt: When,
  lastSeenAt: When,
  /** The condition has been clear since then; it resolves after the hold time. */
  clearSince: When.nullable(),
  acknowledgedAt: When.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: When.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** An alert with its severity's response and resolution SLAs, and whether each is breached. */
export type AlertView = Alert & {
  sla: { respondBy: string; resolveBy: string; responseBreached: boolean; resolutionBreached: boolean };
};

/** What one evaluation changed (hdc_alert_evaluate). */
const AlertChangeSchema = z.object({
  id: z.coerce.number().int(),
  rule: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string(),
});
export const AlertEvaluationSchema = z.object({
  evaluatedAt: When,
  fired: z.array(AlertChangeSchema),
  escalated: z.array(AlertChangeSchema),
  resolved: z.array(AlertChangeSchema),
  open: z.coerce.number().int(),
});
export type AlertEvaluation = z.infer<typeof AlertEvaluationSchema>;

export const AlertListPayloadSchema = z.strictObject({
  includeResolved: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export const AlertAckPayloadSchema = z.strictObject({ alertId: z.number().int().positive() });
export const AlertResolvePayloadSchema = z.strictObject({
  alertId: z.number().int().positive(),
  note: z.string().trim().max(2000).optional(),
});
