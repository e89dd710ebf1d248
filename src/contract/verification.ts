import { z } from 'zod';
import { EVENT_LIFECYCLES } from './lifecycle';

export const Timestamp = z.string().min(1);

/** The per-event checks of src/verification/integrity-checklist.ts, by the summary count each feeds. */
const INTEGRITY_CHECK_KEYS = [
  'missingPageIds',
  'missingParentPageIds',
  'noPrimaryAdmin',
  'noSyncState',
  'noSubmittedHacks',
] as const;
export type IntegrityCheckKey = (typeof INTEGRITY_CHECK_KEYS)[number];

/** One event in the integrity dry-run: what the database counts, and the checks it fails. */
export const IntegrityEventSchema = z.object({
  eventId: z.string(),
  name: z.string(),
  lifecycle: z.enum(EVENT_LIFECYCLES),
  pageId: z.string().nullable(),
  parentPageId: z.string().nullable(),
  primaryAdmins: z.number().int(),
  coAdmins: z.number().int(),
  hasSyncState: z.boolean(),
  syncStatus: z.string().nullable(),
  submittedHacks: z.number().int(),
  totalHacks: z.number().int(),
  auditRows: z.number().int(),
  defects: z.array(z.enum(INTEGRITY_CHECK_KEYS)),
});
export type IntegrityEvent = z.infer<typeof IntegrityEventSchema>;

const IntegritySummarySchema = z.object({
  events: z.number().int(),
  missingPageIds: z.number().int(),
  missingParentPageIds: z.number().int(),
  noPrimaryAdmin: z.number().int(),
  noSyncState: z.number().int(),
  noSubmittedHacks: z.number().int(),
  totalSubmittedHacks: z.number().int(),
  totalHacks: z.number().int(),
  totalAuditRows: z.number().int(),
});
export type IntegritySummary = z.infer<typeof IntegritySummarySchema>;

export const IntegrityDryRunSchema = z.object({
  eventQuery: z.string(),
  checkedAt: Timestamp,
  events: z.array(IntegrityEventSchema),
  summary: IntegritySummarySchema,
});
export type IntegrityDryRun = z.infer<typeof IntegrityDryRunSchema>;

export const VERIFIED_METRICS = ['registry_lookup', 'sync_execution'] as const;

export const MetricWindowSchema = z.object({
  metric: z.string(),
  source: z.enum(['organic', 'probe']),
  count: z.number().int(),
  errors: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  rateLimited: z.number().int(),
  /** Worst error rate in any bin of the escalation window (15 min), among bins with enough calls and people. */
  worstWideErrorRate: z.number().nullable(),
  /** Worst error rate in any bin of the rollback window (5 min). */
  worstNarrowErrorRate: z.number().nullable(),
  worstWideRateLimited: z.number().int(),
  samples: z.array(
    z.object({
      metric: z.string(),
      source: z.enum(['organic', 'probe']),
      outcome: z.enum(['success', 'rejected', 'error']),
      durationMs: z.number(),
      attributes: z.record(z.string(), z.unknown()),
      recordedAt: Timestamp,
    }),
  ),
});
export type MetricWindow = z.infer<typeof MetricWindowSchema>;

/** What hdc_error_budget_figures returns per metric: calls and errors over the budget's window and its last 7 days. */
export const ErrorBudgetFiguresSchema = z.object({
  metric: z.string(),
  windowCalls: z.number().int(),
  windowErrors: z.number().int(),
  weekCalls: z.number().int(),
  weekErrors: z.number().int(),
});
export type ErrorBudgetFigures = z.infer<typeof ErrorBudgetFiguresSchema>;

/** An error budget judged (error-budget-rules.ts): what is left of it and how fast the week spent it. */
export const ErrorBudgetSchema = z.object({
  metric: z.string(),
  objective: z.number(),
  windowDays: z.number().int(),
  calls: z.number().int(),
  errors: z.number().int(),
  /** The share of the window's budget left (1: untouched, 0: spent, below 0: overspent); null without calls. */
  remaining: z.number().nullable(),
  /** The last 7 days' error rate over the budget's (1×: spends it exactly over the window); null without calls. */
  weekBurnRate: z.number().nullable(),
  detail: z.string(),
});
export type ErrorBudget = z.infer<typeof ErrorBudgetSchema>;

export const SEVERITIES = ['SEV-2', 'SEV-3', 'none'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const REPORT_STATUSES = ['PASS', 'FAIL', 'CONDITIONAL'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const THRESHOLD_RULES = [
  'budget_breach',
  'budget_breach_sustained',
  'error_rate_above_target',
  'error_rate_escalate',
  'error_rate_rollback',
  'metric_missing',
  'metric_missing_again',
  'integrity_regression',
  'sustained_rate_limiting',
  'orphan_dangling_events',
  'orphan_duplicate_references',
  'orphan_pages',
  'orphan_scan_stale',
  'orphan_scan_missing',
  'auth_failure_rollback',
] as const;
export type ThresholdRule = (typeof THRESHOLD_RULES)[number];

/** One rule that fired: what was seen, how bad it is, and what the responder does. */
export const FindingSchema = z.object({
  rule: z.enum(THRESHOLD_RULES),
  metric: z.string().nullable(),
  severity: z.enum(['SEV-2', 'SEV-3', 'warning']),
  detail: z.string(),
  action: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** What the next evaluation needs from this one: per metric, windows in a row over budget / missing. */
export const EvaluationStateSchema = z.object({
  budgetBreachStreak: z.record(z.string(), z.number().int()),
  missingStreak: z.record(z.string(), z.number().int()),
});
export type EvaluationState = z.infer<typeof EvaluationStateSchema>;

export const OperatorSchema = z.object({ accountId: z.string(), addedBy: z.string(), addedAt: Timestamp });
export type Operator = z.infer<typeof OperatorSchema>;
