import { ALERT_SEVERITIES } from '../contract/alerts';
import { z } from 'zod';
import { VERIFIED_METRICS } from '../contract/verification';
import { AppError } from '../shared/app-error';

const Action = z.string().trim().min(1).max(500);
const Rate = z.number().gt(0).lt(1);
/** Error-rate windows are sums of the 5-minute rollup bins. */
const Minutes = z
  .number()
  .int()
  .min(5)
  .max(1440)
  .multipleOf(5, { message: 'must be a multiple of 5 minutes (error rates are read from 5-minute bins)' });
const Budget = z.strictObject({ metric: z.enum(VERIFIED_METRICS), p95_ms: z.number().positive().max(60_000) });

const AlertSeverity = z.enum(ALERT_SEVERITIES);
type AlertSeverityName = (typeof ALERT_SEVERITIES)[number];

const ThresholdsSchema = z.strictObject({
  budgets: z.strictObject({
    registry_lookup: Budget,
    complete_and_sync: Budget,
    sustained_windows: z.number().int().min(2).max(10),
    breach_action: Action,
    sustained_action: Action,
  }),
  error_rate: z
    .strictObject({
      min_calls_per_window: z.number().int().min(1).max(100_000),
      /** People, not calls: bins keep up to 64 distinct callers each (hdc_fold_telemetry). */
      min_accounts_per_window: z.number().int().min(0).max(64).default(3),
      target: Rate,
      target_action: Action,
      escalate: z.strictObject({
        rate: Rate,
        window_minutes: Minutes,
        severity: z.enum(['SEV-2', 'SEV-3']),
        action: Action,
      }),
      rollback: z.strictObject({
        rate: Rate,
        window_minutes: Minutes,
        severity: z.enum(['SEV-2', 'SEV-3']),
        action: Action,
      }),
    })
    .refine((rules) => rules.target < rules.escalate.rate && rules.escalate.rate < rules.rollback.rate, {
      message: 'must rise: target < escalate.rate < rollback.rate',
    }),
  error_budgets: z
    .strictObject({
      window_days: z.number().int().min(1).max(90),
      objectives: z.strictObject(
        Object.fromEntries(VERIFIED_METRICS.map((metric) => [metric, z.number().gt(0.5).lt(1)])) as Record<
          (typeof VERIFIED_METRICS)[number],
          z.ZodNumber
        >,
      ),
    })
    .default({ window_days: 28, objectives: { registry_lookup: 0.99, sync_execution: 0.99 } }),
  alerts: z.strictObject({
    hold_minutes: z.number().int().min(5).max(1440),
    burn_rates: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z_]{1,40}$/),
          long_minutes: z.number().int().min(5).max(4320),
          short_minutes: z.number().int().min(5).max(4320),
          factor: z.number().positive().max(1000),
          severity: AlertSeverity,
        }),
      )
      .max(6)
      .refine((pairs) => pairs.every((pair) => pair.short_minutes < pair.long_minutes), {
        message: 'each short window must be shorter than its long window',
      }),
    rollback_severity: AlertSeverity,
    escalate_severity: AlertSeverity,
    sampler_silent_severity: AlertSeverity,
    escalation_wait_hours: z.number().int().min(1).max(720),
    escalation_wait_severity: AlertSeverity,
    cleanup_job_failed_severity: AlertSeverity,
    backup_stale_severity: AlertSeverity,
    delivery: z
      .strictObject({
        incident_severities: z.array(AlertSeverity).min(1).max(4),
        notifications_per_hour: z.number().int().min(1).max(100),
        max_attempts: z.number().int().min(1).max(20),
      })
      .default({ incident_severities: ['P0', 'P1'], notifications_per_hour: 6, max_attempts: 5 }),
    sla: z.strictObject(
      Object.fromEntries(
        ALERT_SEVERITIES.map((severity) => [
          severity,
          z.strictObject({
            response_minutes: z.number().int().min(1).max(10_080),
            resolution_hours: z.number().int().min(1).max(2_160),
          }),
        ]),
      ) as Record<AlertSeverityName, z.ZodObject<{ response_minutes: z.ZodNumber; resolution_hours: z.ZodNumber }>>,
    ),
  }),
  missing_metric: z.strictObject({
    first_severity: z.enum(['SEV-2', 'SEV-3']),
    repeat_severity: z.enum(['SEV-2', 'SEV-3']),
    action: Action,
  }),
  integrity_regression: z.strictObject({ severity: z.enum(['SEV-2', 'SEV-3']), action: Action }),
  rate_limiting: z.strictObject({
    min_in_window: z.number().int().min(1),
    severity: z.enum(['SEV-2', 'SEV-3']),
    action: Action,
  }),
  orphans: z.strictObject({
    dangling_event_severity: z.enum(['SEV-2', 'SEV-3', 'warning']),
    duplicate_reference_severity: z.enum(['SEV-2', 'SEV-3', 'warning']),
    max_orphan_pages: z.number().int().min(0),
    max_scan_age_days: z.number().int().min(1).max(90),
    action: Action,
  }),
  recovery: z.strictObject({
    rpo_hours: z
      .number()
      .positive()
      .max(24 * 90),
    rto_seconds: z.number().positive().max(86_400),
    sampler_max_age_minutes: z.number().int().min(5).max(10_080),
  }),
  hypercare: z.strictObject({
    auth_failure_rollback: z.strictObject({
      rate: Rate,
      window_minutes: Minutes,
      min_refused_accounts: z.number().int().min(1).max(64).default(3),
      severity: z.enum(['SEV-2', 'SEV-3']),
      action: Action,
    }),
    exit_days: z.number().int().min(1).max(90),
  }),
  sampler: z
    .strictObject({
      /** Rollups (5-minute bins, hourly latency histograms): what reports and trends read. */
      retention_days: z.number().int().min(1).max(3650),
      /** Raw telemetry rows, once folded: samples and escalation evidence. */
      raw_retention_days: z.number().int().min(1).max(3650).default(14),
      prune_batch: z.number().int().min(1).max(50_000),
      max_prune_batches: z.number().int().min(1).max(1000),
    })
    .refine((sampler) => sampler.raw_retention_days <= sampler.retention_days, {
      message: 'raw_retention_days must not exceed retention_days (the rollups outlive the raw rows)',
    }),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

/** The budgets as a list, keyed by the name ops readers know (complete_and_sync) and the telemetry metric. */
export function budgetsOf(thresholds: Thresholds) {
  const { registry_lookup, complete_and_sync } = thresholds.budgets;
  return [
    { name: 'registry_lookup', metric: registry_lookup.metric, p95Ms: registry_lookup.p95_ms },
    { name: 'complete_and_sync', metric: complete_and_sync.metric, p95Ms: complete_and_sync.p95_ms },
  ] as const;
}

/**
 * Thresholds from a text: `parse` turns it into a value (YAML locally, JSON in Forge, where the YAML
 * parser is not shipped), then the schema checks it. A bad text is a validation error naming the
 * field, never a silent default.
 */
export function thresholdsFromText(text: string, origin: string, parse: (text: string) => unknown): Thresholds {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    const line = (error as { linePos?: [{ line: number }] }).linePos?.[0].line;
    throw new AppError('validation', `${origin} cannot be read${line === undefined ? '' : ` (line ${line})`}`, {
      guidance: 'Fix its syntax: config/thresholds.yml shows the expected shape (in Forge, give its JSON form).',
      retryable: false,
    });
  }
  const parsed = ThresholdsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.map(String).join('.') || '(top level)';
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}`
        : issue.message;
    return `${field}: ${message}`;
  });
  throw new AppError('validation', `${origin} is invalid: ${problems.join('; ')}`, {
    guidance: 'Fix the fields named; config/thresholds.yml shows every field with its default.',
    retryable: false,
  });
}
