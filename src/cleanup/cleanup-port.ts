import type { CleanupItemState, CleanupPlan, CleanupScan, PlanItem } from '../contract/cleanup';
import type { DescendantPage, PageDetail } from '../confluence/confluence-port';

export type ScanTrigger = 'user' | 'scheduled';
export type CleanupMode = 'execute' | 'restore';

/** An item of a batch, with what the database says about it now. */
export interface BatchItem {
  position: number;
  action: 'trash' | 'relink' | 'clear';
  pageId: string | null;
  eventId: string | null;
  toPageId: string | null;
  title: string;
  version: number | null;
  /** Trash: the page's parent before it was trashed (as Confluence said then, else as the scan saw it). */
  parentId: string | null;
  /** Trash: the events that reference the page now (any means: do not trash). */
  referencedBy: string[] | null;
}

/** The next items of a plan under its run lease. */
export interface Batch {
  plan: CleanupPlan;
  items: BatchItem[];
}

/** A saved chunk of a scan, with the pages it still has to look up. */
export type SavedScanChunk = CleanupScan & { missingPageIds: string[] | null };

export interface ItemOutcome {
  position: number;
  /** 'apply' asks the database to change an event's page reference (it re-checks it first). */
  state: Exclude<CleanupItemState, 'pending'> | 'apply';
  reason: string | null;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

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
  }): Promise<SavedScanChunk>;
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
  }): Promise<Batch>;
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
