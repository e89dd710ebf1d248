import { z } from 'zod';
import { EventIdSchema, PageIdSchema } from './ids';

/**
 * The cleanup's state machines, declared once: the tables' check constraints hold the same values
 * (test/integration/state-declarations.test.ts compares them), and every TypeScript use derives from here.
 */
export const CLEANUP_ITEM_STATES = [
  'pending',
  'done',
  'skipped',
  'failed',
  'restored',
  'restore_skipped',
  'restore_failed',
] as const;
export type CleanupItemState = (typeof CLEANUP_ITEM_STATES)[number];
export const CLEANUP_PLAN_STATUSES = [
  'planned',
  'executing',
  'executed',
  'restoring',
  'partly_restored',
  'restored',
] as const;
export const CLEANUP_SCAN_STATUSES = ['listing', 'complete'] as const;
export const CLEANUP_JOB_KINDS = ['scan', 'execute', 'restore'] as const;
export const CLEANUP_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

/** Orphan-page cleanup: what cleanup.* take and return, shared by the backend, the CLI and the macro. */

const PAGE_STATUSES = ['current', 'archived', 'trashed', 'deleted'] as const;
const PageStatusSchema = z.enum(PAGE_STATUSES);
const When = z.string().nullable();

const OrphanPageSchema = z.object({
  pageId: z.string(),
  title: z.string(),
  status: PageStatusSchema,
  parentId: z.string().nullable(),
  depth: z.number(),
  lastModified: When,
  childCount: z.number(),
  childIds: z.array(z.string()),
});

/** Why an event's page reference dangles: the page is gone, in the trash, archived, deleted, or no longer under the parent. */
const DANGLING_REASONS = ['missing', 'trashed', 'archived', 'deleted', 'moved'] as const;
const DanglingEventSchema = z.object({
  eventId: z.string(),
  name: z.string(),
  lifecycle: z.string(),
  pageId: z.string(),
  reason: z.enum(DANGLING_REASONS),
  pageTitle: z.string().nullable(),
  pageStatus: PageStatusSchema.nullable(),
  lastModified: When,
  /** An orphan page whose title starts with the event's name: the likely page to relink to. */
  suggestedPage: z.object({ pageId: z.string(), title: z.string() }).nullable(),
});

const DuplicateReferenceSchema = z.object({
  pageId: z.string(),
  title: z.string().nullable(),
  status: PageStatusSchema.nullable(),
  lastModified: When,
  /** Oldest first: the first keeps the page by default. */
  events: z.array(z.object({ eventId: z.string(), name: z.string(), lifecycle: z.string(), createdAt: z.string() })),
});

export const ScanCountsSchema = z.object({
  pages: z.number(),
  events: z.number(),
  missing: z.number(),
  orphanPages: z.number(),
  danglingEvents: z.number(),
  duplicateReferences: z.number(),
});
export type ScanCounts = z.infer<typeof ScanCountsSchema>;

export const CleanupScanSchema = z.object({
  scanId: z.number(),
  parentPageId: z.string(),
  status: z.enum(CLEANUP_SCAN_STATUSES),
  trigger: z.enum(['user', 'scheduled']),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: When,
  requests: z.number(),
  pagesSeen: z.number(),
  cursor: z.string().nullable(),
  /** Whether the scanning account may delete pages in the parent's space (Confluence's answer). */
  canDelete: z.boolean().optional(),
  counts: ScanCountsSchema.optional(),
  findings: z
    .object({
      orphanPages: z.array(OrphanPageSchema),
      danglingEvents: z.array(DanglingEventSchema),
      duplicateReferences: z.array(DuplicateReferenceSchema),
    })
    .optional(),
});
export type CleanupScan = z.infer<typeof CleanupScanSchema>;

const CleanupItemSchema = z.object({
  position: z.number(),
  kind: z.enum(['orphan_page', 'dangling_event', 'duplicate_reference']),
  action: z.enum(['trash', 'relink', 'clear']),
  pageId: z.string().nullable(),
  eventId: z.string().nullable(),
  toPageId: z.string().nullable(),
  title: z.string(),
  version: z.number().nullable(),
  depth: z.number().nullable(),
  childIds: z.array(z.string()),
  state: z.enum(CLEANUP_ITEM_STATES),
  reason: z.string().nullable(),
  updatedAt: z.string(),
});
export type CleanupItem = z.infer<typeof CleanupItemSchema>;

export const CleanupPlanSchema = z.object({
  planId: z.string(),
  scanId: z.number(),
  parentPageId: z.string(),
  hash: z.string(),
  /** partly_restored: Confluence refused to restore some items; they stay restorable. */
  status: z.enum(CLEANUP_PLAN_STATUSES),
  createdBy: z.string(),
  createdAt: z.string(),
  executedBy: z.string().nullable(),
  executedAt: When,
  restoredBy: z.string().nullable(),
  restoredAt: When,
  counts: z.record(z.string(), z.number()).nullable(),
  items: z.array(CleanupItemSchema).nullable(),
  /** The execute or restore batch running now: who, since when, until when at the latest. */
  running: z.object({ by: z.string().nullable(), since: z.string(), until: z.string() }).nullable().optional(),
});
export type CleanupPlan = z.infer<typeof CleanupPlanSchema>;

/** One call of a chunked operation: where it stands, and whether the caller should call again. */
export interface CleanupProgress<T> {
  done: boolean;
  /** 0..1 when known. */
  progress: number | null;
  result: T;
}

export const CLEANUP_MAX_ITEMS = 500;

export const CleanupScanPayloadSchema = z.strictObject({
  /** Resume this scan; without it, a new scan starts. */
  scanId: z.number().int().positive().optional(),
  /** Only with a new scan: default HDC_PARENT_PAGE_ID, else the page the macro is on. */
  parentPageId: PageIdSchema.optional(),
  /** Deprecated (0.3.0; answered until 0.4.0 for macros of an older deploy): use cleanup.latestScan. */
  latest: z.boolean().optional(),
});

/** cleanup.latestScan takes nothing: the latest complete scan of the viewer's site. */
export const CleanupLatestScanPayloadSchema = z.strictObject({});

const PlanItemSchema = z.union([
  z.strictObject({ action: z.literal('trash'), pageId: PageIdSchema }),
  z.strictObject({ action: z.literal('relink'), eventId: EventIdSchema, toPageId: PageIdSchema }),
  z.strictObject({ action: z.literal('clear'), eventId: EventIdSchema }),
]);
export type PlanItem = z.infer<typeof PlanItemSchema>;

export const CleanupPlanPayloadSchema = z.strictObject({
  scanId: z.number().int().positive(),
  items: z
    .array(PlanItemSchema)
    .min(1, 'choose at least one finding')
    .max(CLEANUP_MAX_ITEMS, `at most ${CLEANUP_MAX_ITEMS} items per plan`),
});

export const CleanupRunPayloadSchema = z.strictObject({
  planId: z.uuid({ message: 'must be a plan id (UUID)' }),
  /** The plan's hash as previewed: execution refuses any other. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the plan hash shown in the preview'),
});

export const CleanupRestorePayloadSchema = z.strictObject({ planId: z.uuid({ message: 'must be a plan id (UUID)' }) });

export const CleanupStatusPayloadSchema = z.strictObject({
  planId: z.uuid({ message: 'must be a plan id (UUID)' }).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

/** A scan, execution or restore running in the background on Forge's queue, one bounded step at a time. */
export const CleanupJobSchema = z.object({
  jobId: z.string(),
  kind: z.enum(CLEANUP_JOB_KINDS),
  /** Who started it; null for the weekly scheduled scan (run as the app). */
  requestedBy: z.string().nullable(),
  parentPageId: z.string().nullable(),
  scanId: z.number().nullable(),
  planId: z.string().nullable(),
  /** An execution's confirmation: the plan hash the operator previewed (checked against the plan's seal at every batch). */
  planHash: z.string().nullable(),
  status: z.enum(CLEANUP_JOB_STATUSES),
  steps: z.number(),
  /** 0..1 when known. */
  progress: z.number().nullable(),
  /** The last step's summary: pages read so far (scan), the plan's counts (execute, restore). */
  detail: z.record(z.string(), z.unknown()).nullable(),
  /** Why the job failed, or the outage its last step met (it is tried again, up to 5 attempts). */
  error: z
    .object({ code: z.string(), message: z.string(), guidance: z.string().optional(), attempts: z.number().optional() })
    .nullable(),
  cancelRequestedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CleanupJob = z.infer<typeof CleanupJobSchema>;

export const JobsStartPayloadSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scan'), parentPageId: PageIdSchema.optional() }),
  z.strictObject({
    kind: z.literal('execute'),
    planId: z.uuid({ message: 'must be a plan id (UUID)' }),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the plan hash shown in the preview'),
  }),
  z.strictObject({ kind: z.literal('restore'), planId: z.uuid({ message: 'must be a plan id (UUID)' }) }),
]);
export type JobsStartPayload = z.infer<typeof JobsStartPayloadSchema>;

export const JobsStatusPayloadSchema = z.strictObject({
  jobId: z.uuid({ message: 'must be a job id (UUID)' }).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const JobsCancelPayloadSchema = z.strictObject({ jobId: z.uuid({ message: 'must be a job id (UUID)' }) });
