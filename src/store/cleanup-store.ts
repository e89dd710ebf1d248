import { z } from 'zod';
import { CleanupPlanSchema, CleanupScanSchema } from '../contract/cleanup';
import type { Batch, BatchItem, CleanupMode, CleanupStore, SavedScanChunk } from '../cleanup/cleanup-port';
import type { SiteRpc } from './site-rpc';

const BatchItemSchema: z.ZodType<BatchItem> = z.object({
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
const BatchSchema: z.ZodType<Batch> = z.object({ plan: CleanupPlanSchema, items: z.array(BatchItemSchema) });

const ScanSaveSchema: z.ZodType<SavedScanChunk> = CleanupScanSchema.extend({
  missingPageIds: z.array(z.string()).nullable(),
});

/** Execute and restore are separate SQL functions over one transition table (hdc_cleanup_transition). */
const DIRECTION_FUNCTIONS = {
  execute: { batch: 'hdc_cleanup_execute_batch', record: 'hdc_cleanup_execute_record' },
  restore: { batch: 'hdc_cleanup_restore_batch', record: 'hdc_cleanup_restore_record' },
} as const satisfies Record<CleanupMode, { batch: string; record: string }>;

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
        DIRECTION_FUNCTIONS[mode].batch,
        {
          p_actor: actor,
          p_plan_id: planId,
          ...(mode === 'execute' ? { p_hash: hash } : {}),
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
        DIRECTION_FUNCTIONS[mode].record,
        { p_actor: actor, p_plan_id: planId, p_outcomes: outcomes, p_run_token: runToken },
        CleanupPlanSchema,
        'idempotent_write',
      ),
    plans: (actor, planId, limit) =>
      rpc.call('hdc_cleanup_plans', { p_actor: actor, p_plan_id: planId, p_limit: limit }, z.array(CleanupPlanSchema)),
  };
}
