import { z } from 'zod';
import type { SyncAction, SyncDecisionTree } from './sync-decision-tree';
import { EVENT_LIFECYCLES, HACK_FAILURE_REASONS, SYNC_ERROR_CATEGORIES, SYNC_STATUSES } from './lifecycle';

const Timestamp = z.string().min(1);

export const RegistryEventSchema = z.object({
  id: z.string(),
  name: z.string(),
  lifecycle: z.enum(EVENT_LIFECYCLES),
  archived: z.boolean(),
  pageId: z.string().nullable(),
  parentPageId: z.string().nullable(),
  isNavigable: z.boolean(),
  completedAt: Timestamp.nullable(),
  syncStatus: z.enum([...SYNC_STATUSES, 'not_synced']),
});
export type RegistryEvent = z.infer<typeof RegistryEventSchema>;

export interface RegistryPage {
  parentPageId: string;
  events: RegistryEvent[];
  nextCursor: string | null;
}

const FailedItemSchema = z.object({
  hackId: z.string(),
  title: z.string(),
  reason: z.enum(HACK_FAILURE_REASONS),
  /** Who to ask to fix it (null: the hack has no owner, which is the failure). Absent in items stored before 0.3. */
  ownerAccountId: z.string().nullable().default(null),
  /** The hack's own Confluence page, when it has one. */
  pageId: z.string().nullable().default(null),
});
export type FailedItem = z.infer<typeof FailedItemSchema>;

const SyncStateSchema = z.object({
  status: z.enum(SYNC_STATUSES),
  errorCategory: z.enum(SYNC_ERROR_CATEGORIES),
  retryable: z.boolean(),
  guidance: z.string(),
  pushedCount: z.number().int(),
  skippedCount: z.number().int(),
  failedCount: z.number().int(),
  failedItems: z.array(FailedItemSchema),
  attemptCount: z.number().int(),
  consecutiveFailures: z.number().int(),
  lastAttemptAt: Timestamp,
  lastError: z.string().nullable(),
  /**
   * The latest escalation note, if one was recorded. While `usedAt` is null it allows one more
   * Retry Sync; after that retry it stays as the record of the escalation.
   */
  escalation: z
    .object({ note: z.string(), accountId: z.string(), at: Timestamp, usedAt: Timestamp.nullable().default(null) })
    .nullable(),
});

/** What one attempt did, next to the cumulative state it left behind. */
export const SYNC_ATTEMPT_ACTIONS = ['complete', 'end_early', 'retry'] as const;
export type SyncAttemptAction = (typeof SYNC_ATTEMPT_ACTIONS)[number];

const SyncAttemptSchema = z.object({
  action: z.enum(SYNC_ATTEMPT_ACTIONS),
  pushed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});

export const EventSyncViewSchema = z.object({
  eventId: z.string(),
  name: z.string(),
  pageId: z.string().nullable(),
  lifecycle: z.enum(EVENT_LIFECYCLES),
  completedAt: Timestamp.nullable(),
  submittedHacks: z.number().int(),
  state: SyncStateSchema.nullable(),
});
export type EventSyncView = z.infer<typeof EventSyncViewSchema>;

const EVENT_ADMIN_ROLES = ['primary', 'co_admin'] as const;

const EventAdminSchema = z.object({ accountId: z.string(), role: z.enum(EVENT_ADMIN_ROLES) });

/**
 * The status as one viewer sees it: their role on the event mirrors the backend's checks in the UI,
 * and the event's admins (primary first) are whom a viewer who is not one can ask.
 */
export const EventStatusViewSchema = EventSyncViewSchema.extend({
  viewerRole: z.enum(EVENT_ADMIN_ROLES).nullable(),
  admins: z.array(EventAdminSchema),
});
export type EventStatusView = z.infer<typeof EventStatusViewSchema>;

export const SyncResultSchema = EventSyncViewSchema.extend({ attempt: SyncAttemptSchema });
export type SyncResult = z.infer<typeof SyncResultSchema>;

const AUDIT_ACTIONS = [
  'sync_complete',
  'sync_partial',
  'sync_failed',
  'sync_retry',
  'sync_escalated',
  'sync_ended_early',
] as const;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  eventId: z.string(),
  actorAccountId: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: Timestamp,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** `sync.tree`: the whole tree, and where the event stands in it when there is one. */
export interface SyncTreeReply {
  tree: SyncDecisionTree;
  event: {
    eventId: string;
    name: string;
    lifecycle: EventStatusView['lifecycle'];
    status: string;
    /** The viewer is one of the event's admins: the tree offers the step, else only states it. */
    viewerMayAct: boolean;
  } | null;
  position: { path: string[]; leafId: string; allowedActions: readonly SyncAction[] } | null;
}
