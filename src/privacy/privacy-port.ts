import type { Erasure, PrivacyStatus } from '../contract/privacy';

/** A stored account as the privacy report sends it: the id and when HDC Ops last wrote a row naming it. */
export interface ReportedAccount {
  accountId: string;
  updatedAt: string;
}

/** Atlassian's answer for an account whose state changed since updatedAt (unchanged ones are left out). */
export interface AccountUpdate {
  accountId: string;
  status: 'closed' | 'updated';
}

/**
 * Atlassian's personal data reporting API (POST /app/report-accounts): at most REPORT_BATCH_SIZE
 * accounts a call, retried on 429/5xx inside the run's deadline by the adapter.
 */
export interface AccountReporter {
  report(accounts: readonly ReportedAccount[]): Promise<AccountUpdate[]>;
}

/** Accounts a request may hold (@forge/api privacy LIMIT). */
export const REPORT_BATCH_SIZE = 90;

/** The next accounts of the site's report pass, from where it stands. */
export interface ReportPage {
  /** Where the pass stands (null: at its start). A batch is recorded against it. */
  afterKey: string | null;
  passStartedAt: string | null;
  lastCompletedAt: string | null;
  accounts: (ReportedAccount & { key: string })[];
  more: boolean;
}

/** One reported batch: where it ended, its counts, and the accounts to erase. */
interface ReportedBatch {
  /** The last pass's end as the run read it: a batch of a run overtaken by another pass moves nothing. */
  seenCompletedAt: string | null;
  afterKey: string | null;
  throughKey: string | null;
  more: boolean;
  reported: number;
  updated: number;
  closed: string[];
}

/** The privacy report's and erasures' storage: each call one SQL function, one round trip. */
export interface PrivacyStore {
  next(limit: number): Promise<ReportPage>;
  /** Erases the batch's closed accounts and moves the pass on, in one transaction. */
  record(
    actor: string,
    batch: ReportedBatch,
    now: Date,
  ): Promise<{ erased: number; advanced: boolean; completed: boolean }>;
  /** A run that ended before its pass: why (the pass stays where it is). */
  stop(reason: string, now: Date): Promise<PrivacyStatus>;
  status(): Promise<PrivacyStatus>;
  /** An operator erases one person on request. */
  erase(actor: string, accountId: string): Promise<Erasure>;
}
