import { z } from 'zod';
import { ScanCountsSchema } from './cleanup';
import {
  ErrorBudgetSchema,
  EvaluationStateSchema,
  FindingSchema,
  IntegrityDryRunSchema,
  REPORT_STATUSES,
  SEVERITIES,
} from './verification';

const Timestamp = z.string().min(1);

const MetricStatSchema = z.object({
  count: z.number().int(),
  errors: z.number().int(),
  p50Ms: z.number(),
  p95Ms: z.number(),
});

const BudgetCheckSchema = z.object({
  name: z.string(),
  metric: z.string(),
  budgetMs: z.number(),
  organic: MetricStatSchema.nullable(),
  probe: MetricStatSchema.nullable(),
  /** The p95 judged against the budget: organic when there were user calls, else the probe's. */
  judgedP95Ms: z.number().nullable(),
  /** null: not measured (no telemetry in the period). */
  ok: z.boolean().nullable(),
  previousP95Ms: z.number().nullable(),
  changeMs: z.number().nullable(),
  changePct: z.number().nullable(),
});
export type BudgetCheck = z.infer<typeof BudgetCheckSchema>;

const ErrorRateCheckSchema = z.object({
  metric: z.string(),
  count: z.number().int(),
  errors: z.number().int(),
  rate: z.number().nullable(),
  target: z.number(),
  worstWideErrorRate: z.number().nullable(),
  worstNarrowErrorRate: z.number().nullable(),
  ok: z.boolean().nullable(),
  previousRate: z.number().nullable(),
});
export type ErrorRateCheck = z.infer<typeof ErrorRateCheckSchema>;

const ChecklistItemSchema = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  expected: z.string(),
  ok: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

const CoverageSchema = z.object({
  metric: z.string(),
  seen: z.boolean(),
  organicCount: z.number().int(),
  probeCount: z.number().int(),
  samples: z.array(z.string()),
});
export type Coverage = z.infer<typeof CoverageSchema>;

const RunLogEntrySchema = z.object({
  check: z.string(),
  source: z.string(),
  status: z.enum(REPORT_STATUSES),
  /** An advisory section informs and is shown as such; it never counts in the report's verdict. */
  advisory: z.boolean().default(false),
  detail: z.string(),
});
export type RunLogEntry = z.infer<typeof RunLogEntrySchema>;

/** A run-log entry's result as every reader shows it: an advisory section says so beside its status. */
export function runLogResult(entry: Pick<RunLogEntry, 'status' | 'advisory'>): string {
  return entry.advisory ? `${entry.status} (advisory)` : entry.status;
}

/** Orphan-page figures from the latest scan, with the change against last week's (a scan before the period). */
const OrphanFiguresSchema = z.union([
  z.object({ measured: z.literal(false), note: z.string() }),
  z.object({
    measured: z.literal(true),
    scanId: z.number(),
    scannedAt: z.string(),
    trigger: z.enum(['user', 'scheduled']),
    counts: ScanCountsSchema,
    /** Current minus last week's, per kind; null without a scan before the period. */
    change: z
      .object({ orphanPages: z.number(), danglingEvents: z.number(), duplicateReferences: z.number() })
      .nullable(),
    note: z.string(),
  }),
]);
export type OrphanFigures = z.infer<typeof OrphanFiguresSchema>;

/** What hdc_hypercare_figures returns: organic calls per UTC day, the worst auth-failure window, SEV-2 reports. */
export const HypercareFiguresSchema = z.object({
  days: z.array(z.object({ day: z.string(), calls: z.number(), errors: z.number(), forbidden: z.number() })),
  worstAuthFailureRate: z.number().nullable(),
  /** Calls refused as forbidden over the whole span, and the people refused. */
  refused: z.object({ calls: z.number().int(), accounts: z.number().int() }).default({ calls: 0, accounts: 0 }),
  sev2Reports: z.array(z.string()),
});
export type HypercareFigures = z.infer<typeof HypercareFiguresSchema>;

/** Hypercare after a release: the auth-failure rollback rule and the exit criteria (met / not met, with the day count). */
const HypercareSchema = z.object({
  authFailure: z.object({
    worstRate: z.number().nullable(),
    windowMinutes: z.number().int(),
    rollbackRate: z.number(),
    breached: z.boolean(),
    /** Refused as forbidden in the hypercare span, as calls and as people (absent in reports before 0.3.0). */
    refusedCalls: z.number().int().optional(),
    refusedAccounts: z.number().int().optional(),
  }),
  exit: z.object({
    met: z.boolean(),
    consecutiveDays: z.number().int(),
    requiredDays: z.number().int(),
    sev2Reports: z.number().int(),
    detail: z.string(),
  }),
});
export type Hypercare = z.infer<typeof HypercareSchema>;

/**
 * A release: the database migrated (hdc_release, `migrate`), or the site installed or upgraded to a
 * version (the app's lifecycle events): a marker on the trend charts.
 */
export const ReleaseSchema = z.object({
  version: z.string(),
  /** The schema a migration reached; null for an installed or upgraded version. */
  schemaVersion: z.number().int().nullable(),
  source: z.enum(['migrate', 'installed', 'upgraded']),
  recordedAt: Timestamp,
});
export type Release = z.infer<typeof ReleaseSchema>;

export const WeeklyReportSchema = z.object({
  id: z.number().int().optional(),
  weekOf: z.string(),
  periodStart: Timestamp,
  periodEnd: Timestamp,
  generatedAt: Timestamp,
  generatedBy: z.string(),
  environment: z.string(),
  canonicalQuery: z.string(),
  status: z.enum(REPORT_STATUSES),
  severity: z.enum(SEVERITIES),
  runLog: z.array(RunLogEntrySchema),
  integrity: z.object({ dryRun: IntegrityDryRunSchema, checklist: z.array(ChecklistItemSchema) }),
  budgets: z.array(BudgetCheckSchema),
  errorRates: z.array(ErrorRateCheckSchema),
  coverage: z.array(CoverageSchema),
  sampler: z.object({
    runs: z.number().int(),
    failedRuns: z.number().int(),
    lastRunAt: Timestamp.nullable(),
    lastFailure: z.string().nullable(),
  }),
  orphanPages: OrphanFiguresSchema,
  /** Each metric's error budget when the report was generated; absent in reports before 0.3.0. */
  errorBudgets: z.array(ErrorBudgetSchema).optional(),
  /** Absent in reports stored before hypercare was measured. */
  hypercare: HypercareSchema.optional(),
  /** The releases of the report's week (migrations, installs, upgrades); absent in reports before 0.4.0. */
  releases: z.array(ReleaseSchema).optional(),
  findings: z.array(FindingSchema),
  followUps: z.array(z.string()),
  evaluationState: EvaluationStateSchema,
  previous: z
    .object({ id: z.number().int(), weekOf: z.string(), status: z.enum(REPORT_STATUSES), severity: z.enum(SEVERITIES) })
    .nullable(),
});
export type WeeklyReport = z.infer<typeof WeeklyReportSchema>;

/** A stored report in the history list: enough for the trend charts. */
export const StoredReportSummarySchema = z.object({
  id: z.number().int(),
  weekOf: z.string(),
  generatedAt: Timestamp,
  generatedBy: z.string(),
  status: z.enum(REPORT_STATUSES),
  severity: z.enum(SEVERITIES),
  budgets: z.array(BudgetCheckSchema),
  errorRates: z.array(ErrorRateCheckSchema),
});
export type StoredReportSummary = z.infer<typeof StoredReportSummarySchema>;

export interface ReportHistory {
  reports: StoredReportSummary[];
  /** The releases since the oldest report's period began, oldest first: the charts' markers. */
  releases: Release[];
  /** Mirrors the backend's check, so the macro shows "Generate now" only to operators. */
  viewerIsOperator: boolean;
}
