import { z } from 'zod';
import { PrivacyStatusSchema } from './privacy';
import { ErrorBudgetFiguresSchema } from './verification';
import type { ErrorBudget } from './verification';

/** The operations kit as the macros and the web trigger see it: health (application/health+json) and the ops summary. */

const When = z.string();

// ---------------------------------------------------------------- health (draft-inadarei-api-health-check)

const HEALTH_STATUSES = ['pass', 'warn', 'fail'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** One measurement of one component, keyed `component:measurement` in `checks`. */
const HealthCheckSchema = z.object({
  componentType: z.enum(['datastore', 'system', 'component']),
  status: z.enum(HEALTH_STATUSES),
  observedValue: z.union([z.number(), z.string(), z.null()]),
  observedUnit: z.string().optional(),
  time: When,
  output: z.string().optional(),
  /** Whether a fail of this check fails the whole service (HTTP 503). */
  essential: z.boolean(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

export const HealthReportSchema = z.object({
  status: z.enum(HEALTH_STATUSES),
  version: z.string(),
  releaseId: z.string(),
  serviceId: z.literal('hdc-ops'),
  description: z.string(),
  notes: z.array(z.string()),
  output: z.string().optional(),
  checks: z.record(z.string(), z.array(HealthCheckSchema)),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

export const HEALTH_CONTENT_TYPE = 'application/health+json';

// ---------------------------------------------------------------- posture (what the database says about its operations)

const ScheduledJobSchema = z.object({
  lastRunAt: When.nullable(),
  lastStatus: z.enum(['ok', 'failed']).nullable(),
  lastOkAt: When.nullable(),
});
export const BackupRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(['manual', 'pre_restore', 'pre_upgrade', 'drill']),
  snapshotAt: When,
  verifiedAt: When,
  fileName: z.string(),
  bytes: z.number(),
  totalRows: z.number(),
});
export const DrillRecordSchema = z.object({
  id: z.number(),
  ranAt: When,
  passed: z.boolean(),
  rtoMs: z.number().nullable(),
  rpoSeconds: z.number().nullable(),
});
const OpsPostureSchema = z.object({
  schemaVersion: z.number().int().nullable(),
  scheduledRuns: z.record(z.string(), ScheduledJobSchema),
  newestBackup: BackupRecordSchema.nullable(),
  lastDrill: DrillRecordSchema.nullable(),
});

export const DatabaseHealthSchema = OpsPostureSchema.extend({ database: z.literal('ok'), checkedAt: When });
export type DatabaseHealth = z.infer<typeof DatabaseHealthSchema>;

// ---------------------------------------------------------------- ops summary

const Count = z.number().int().nonnegative();
/** Organic calls of a window as of now, and the people behind them (all calls, and refused as forbidden). */
const TelemetryVolumeSchema = z.object({
  calls: Count,
  errors: Count,
  forbidden: Count,
  accounts: Count,
  refusedAccounts: Count,
});

/** What hdc_ops_summary returns (one round trip). */
export const OpsSummaryFiguresSchema = z.object({
  generatedAt: When,
  syncBacklog: z.object({
    partial: Count,
    failed: Count,
    escalationsWaiting: Count,
    oldest: z
      .object({ eventId: z.string(), name: z.string(), status: z.enum(['partial', 'failed']), since: When })
      .nullable(),
  }),
  cleanup: z.object({ plansExecuting: Count, itemsPending: Count, itemsFailed: Count }),
  scheduledRunsFailed24h: z.object({ count: Count, latest: When.nullable(), jobs: z.array(z.string()) }),
  telemetry: z.object({ lastHour: TelemetryVolumeSchema, lastDay: TelemetryVolumeSchema }),
  errorBudgets: z.array(ErrorBudgetFiguresSchema),
  lastWeeklyReport: z
    .object({
      id: z.number(),
      weekOf: z.string(),
      status: z.enum(['PASS', 'FAIL', 'CONDITIONAL']),
      severity: z.string(),
      generatedAt: When,
    })
    .nullable(),
  /** The personal data report: its last pass, one in progress, the last failure. */
  privacy: PrivacyStatusSchema,
  posture: OpsPostureSchema,
});
export type OpsSummaryFigures = z.infer<typeof OpsSummaryFiguresSchema>;

/** A telemetry window judged against the thresholds. */
export type SloWindow = z.infer<typeof TelemetryVolumeSchema> & {
  window: 'lastHour' | 'lastDay';
  errorRate: number | null;
  authFailureRate: number | null;
  /** Not judged below the thresholds' minimum calls or people per window. */
  status: 'ok' | 'over_target' | 'rollback' | 'too_few_to_judge';
  detail: string;
};

export type OpsSummary = z.infer<typeof OpsSummaryFiguresSchema> & {
  slo: SloWindow[];
  /** Each metric's error budget as of now (error-budget-rules.ts). */
  budgets: ErrorBudget[];
  health: HealthReport;
  /** Newest verified backup's age, in hours, when there is one. */
  backupAgeHours: number | null;
};

/** ops.summary takes nothing: the viewer comes from the invocation. */
export const OpsSummaryPayloadSchema = z.strictObject({});
