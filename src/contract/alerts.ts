import { z } from 'zod';
import { PageIdSchema } from './ids';

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
  /** The Confluence page of a P0/P1 alert's incident, once made. */
  incidentPageId: z.string().nullable().default(null),
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
/** `alerts.configure`: where alerts (the operations page) and weekly reports go; null clears one. */
export const AlertConfigurePayloadSchema = z.strictObject({
  opsPageId: PageIdSchema.nullable(),
  reportPageId: PageIdSchema.nullable(),
});
export const AlertAckPayloadSchema = z.strictObject({ alertId: z.number().int().positive() });
export const AlertResolvePayloadSchema = z.strictObject({
  alertId: z.number().int().positive(),
  note: z.string().trim().max(2000).optional(),
});

/** Where a site's alerts and weekly reports go in Confluence (hdc_delivery_settings_json). */
export const DeliverySettingsSchema = z.object({
  opsPageId: z.string().nullable(),
  reportPageId: z.string().nullable(),
  updatedAt: When.nullable(),
});
export type DeliverySettings = z.infer<typeof DeliverySettingsSchema>;

/** What one delivery run did (src/alerts/alert-delivery.ts): counts, never who was reached. */
export interface DeliveryRun {
  /** Notifications delivered, of which `capped` went without mentions (the hourly cap). */
  delivered: number;
  capped: number;
  /** People reached by mentions, over all delivered notifications (one person mentioned twice counts twice). */
  mentions: number;
  /** Notifications that failed this run and wait for the next one (or failed for good). */
  failed: number;
  /** Notifications waiting because the site has no operations page; 0 when it has one. */
  held: number;
  /** Why nothing was delivered, when nothing could be: no page configured, Confluence unreachable. */
  reason: string | null;
}
