import { z } from 'zod';
import type { CleanupPlan, CleanupScan, PlanItem } from '../contract/cleanup';
import { CleanupPlanSchema, CleanupScanSchema } from '../contract/cleanup';
import type { DescendantPage, PageDetail } from '../confluence/confluence-port';
import type { SiteRpc } from './site-rpc';

export type ScanTrigger = 'user' | 'scheduled';
export type CleanupMode = 'execute' | 'restore';

/** An item of a batch, with what the database says about it now. */
const BatchItemSchema = z.object({
  position: z.number(),
  action: z.enum(['trash', 'relink', 'clear']),
  pageId: z.string().nullable(),
  eventId: z.string().nullable(),
  toPageId: z.string().nullable(),
  title: z.string(),
  version: z.number().nullable(),
  /** Trash: the page's parent before it was trashed (as Confluence said then, else as the scan saw it). */
  parentId: z.string().nullable(),
  /** Trash: the events that reference the page now (any means: do not trash). */
  referencedBy: z.array(z.string()).nullable(),
});
export type BatchItem = z.infer<typeof BatchItemSchema>;

const BatchSchema = z.object({ plan: CleanupPlanSchema, items: z.array(BatchItemSchema) });

export interface ItemOutcome {
  position: number;
  /** 'apply' asks the database to change an event's page reference (it re-checks it first). */
  state: 'done' | 'skipped' | 'failed' | 'restored' | 'restore_skipped' | 'restore_failed' | 'apply';
  reason: string | null;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const ScanSaveSchema = CleanupScanSchema.extend({ missingPageIds: z.array(z.string()).nullable() });

/** The cleanup port: scans, plans and their items; every call checks the actor is an HDC operator. */
export interface CleanupStore {
  startScan(input: {
    actor: string | null;
    parentPageId: string | null;
    trigger: ScanTrigger;
    scanId: number | null;
  }): Promise<CleanupScan>;
  saveScanChunk(input: {
    actor: string | null;
    scanId: number;
    pages: DescendantPage[];
    cursor: string | null;
    requests: number;
    listingDone: boolean;
  }): Promise<z.infer<typeof ScanSaveSchema>>;
  finishScan(input: {
    actor: string | null;
    scanId: number;
    lookups: PageDetail[];
    requests: number;
    canDelete: boolean;
  }): Promise<CleanupScan>;
  getScan(actor: string, scanId: number | null): Promise<CleanupScan | null>;
  createPlan(input: {
    actor: string;
    scanId: number;
    items: PlanItem[];
    pages: Record<string, { version: number; status: string; title: string }>;
  }): Promise<CleanupPlan>;
  /**
   * In one round trip: the previous batch's `outcomes` recorded (if any), then the next items under
   * the plan's run lease (`runToken`, for `leaseSeconds`); conflict while another call holds it.
   */
  nextBatch(input: {
    actor: string;
    planId: string;
    mode: CleanupMode;
    hash: string | null;
    limit: number;
    runToken: string;
    leaseSeconds: number;
    outcomes: ItemOutcome[] | null;
  }): Promise<z.infer<typeof BatchSchema>>;
  /** The batch's outcomes, and its lease released. */
  recordOutcomes(input: {
    actor: string;
    planId: string;
    mode: CleanupMode;
    outcomes: ItemOutcome[];
    runToken: string;
  }): Promise<CleanupPlan>;
  plans(actor: string, planId: string | null, limit: number): Promise<CleanupPlan[]>;
}

export function createCleanupStore(rpc: SiteRpc): CleanupStore {
  return {
    startScan: ({ actor, parentPageId, trigger, scanId }) =>
      rpc.call(
        'hdc_cleanup_scan_start',
        { p_actor: actor, p_parent_page_id: parentPageId, p_trigger: trigger, p_scan_id: scanId },
        CleanupScanSchema,
        'write',
      ),
    saveScanChunk: ({ actor, scanId, pages, cursor, requests, listingDone }) =>
      rpc.call(
        'hdc_cleanup_scan_save',
        {
          p_actor: actor,
          p_scan_id: scanId,
          p_pages: pages,
          p_cursor: cursor,
          p_requests: requests,
          p_listing_done: listingDone,
        },
        ScanSaveSchema,
        'idempotent_write',
      ),
    finishScan: ({ actor, scanId, lookups, requests, canDelete }) =>
      rpc.call(
        'hdc_cleanup_scan_finish',
        { p_actor: actor, p_scan_id: scanId, p_lookups: lookups, p_requests: requests, p_can_delete: canDelete },
        CleanupScanSchema,
        'idempotent_write',
      ),
    getScan: (actor, scanId) =>
      rpc.call('hdc_cleanup_scan_get', { p_actor: actor, p_scan_id: scanId }, CleanupScanSchema.nullable()),
    createPlan: ({ actor, scanId, items, pages }) =>
      rpc.call(
        'hdc_cleanup_plan_create',
        { p_actor: actor, p_scan_id: scanId, p_items: items, p_pages: pages },
        CleanupPlanSchema,
        'write',
      ),
    nextBatch: ({ actor, planId, mode, hash, limit, runToken, leaseSeconds, outcomes }) =>
      rpc.call(
        'hdc_cleanup_batch',
        {
          p_actor: actor,
          p_plan_id: planId,
          p_mode: mode,
          p_hash: hash,
          p_limit: limit,
          p_run_token: runToken,
          p_lease_seconds: leaseSeconds,
          p_outcomes: outcomes,
        },
        BatchSchema,
        'idempotent_write',
      ),
    recordOutcomes: ({ actor, planId, mode, outcomes, runToken }) =>
      rpc.call(
        'hdc_cleanup_record',
        { p_actor: actor, p_plan_id: planId, p_mode: mode, p_outcomes: outcomes, p_run_token: runToken },
        CleanupPlanSchema,
        'idempotent_write',
      ),
    plans: (actor, planId, limit) =>
      rpc.call('hdc_cleanup_plans', { p_actor: actor, p_plan_id: planId, p_limit: limit }, z.array(CleanupPlanSchema)),
  };
}
