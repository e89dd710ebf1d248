import type { Erasure, PrivacyStatus } from '../contract/privacy';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import type { AccountReporter, PrivacyStore, ReportPage } from './privacy-port';
import { REPORT_BATCH_SIZE } from './privacy-port';
import { readAnswer, reportDue } from './privacy-rules';

/** Who the report's erasures are audited as: the app's own work, no person. */
const REPORT_ACTOR = 'hdc-ops';
/**
 * Accounts read, reported and recorded at a time: ten requests' worth, one database round trip to read
 * them and one to record them (erasing the closed ones), so erasures cost a transaction per ten requests.
 */
const PAGE_SIZE = REPORT_BATCH_SIZE * 10;
/**
 * Requests in flight at once within a page. @forge/api's own reportPersonalData sends every batch of
 * its argument at once; HDC Ops keeps to a few, each retried on its own.
 */
const REQUESTS_IN_FLIGHT = 3;
/** A page is started only with this much of the run left (ten requests with their retries, and the record). */
const PAGE_MS = 30_000;

export interface PrivacyReportRun {
  /** completed: the pass ended; partial: the run's time ended first (the next run goes on); failed: see message. */
  status: 'completed' | 'partial' | 'failed' | 'not_due';
  requests: number;
  reported: number;
  closed: number;
  updated: number;
  erased: number;
  message?: string;
}

export interface PrivacyService {
  /** One run of the report: the pass from where it stands, batch by batch, until it ends or time does. */
  report(): Promise<PrivacyReportRun>;
  /** The scheduled run: a report when one is due (reportDue), else nothing. */
  reportIfDue(): Promise<PrivacyReportRun>;
  status(): Promise<PrivacyStatus>;
  /** An HDC operator erases one person on request (checked in the database). */
  erase(actor: string, accountId: string): Promise<Erasure>;
}

export interface PrivacyServiceDeps {
  store: PrivacyStore;
  /** Atlassian's reporting API; none where the app cannot reach it (the report then says so). */
  reporter: AccountReporter | null;
  clock: Clock;
  deadline: Deadline;
  /** Accounts a page (a multiple of 90; tests use smaller pages to stop between them). */
  pageSize?: number;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * The privacy report: every account the site's rows name is sent to Atlassian (90 a request); those
 * answered `closed` are erased in the same transaction that records their page, so a run that stops
 * half-way has erased exactly what it recorded, and the next run goes on after the last recorded
 * page. `updated` needs nothing: HDC Ops caches nothing about people (display names are fetched live).
 */
export function createPrivacyService(deps: PrivacyServiceDeps): PrivacyService {
  const { store, clock, deadline } = deps;

  async function report(): Promise<PrivacyReportRun> {
    const run: PrivacyReportRun = { status: 'partial', requests: 0, reported: 0, closed: 0, updated: 0, erased: 0 };
    const reporter = deps.reporter;
    if (reporter === null) {
      const message = 'Atlassian’s personal data reporting API is not reachable from here';
      await store.stop(message, clock.now());
      return { ...run, status: 'failed', message };
    }
    const pageSize = deps.pageSize ?? PAGE_SIZE;
    try {
      for (;;) {
        if (deadline.remainingMs() < PAGE_MS) return { ...run, message: 'The run’s time ended; the next run goes on' };
        const page: ReportPage = await store.next(pageSize);
        // Atlassian's answers for the page, 90 accounts a request; then the page recorded (and its closed
        // accounts erased) in one transaction. A run that stops inside a page reports it again next time.
        const closed: string[] = [];
        let updated = 0;
        const batches = chunks(page.accounts, REPORT_BATCH_SIZE);
        // A failed request stops the others taking more: the page is reported again by the next run.
        let failed = false;
        const sendNext = async (): Promise<void> => {
          for (let batch = batches.shift(); batch !== undefined && !failed; batch = batches.shift()) {
            const accounts = batch.map(({ accountId, updatedAt }) => ({ accountId, updatedAt }));
            const answer = await reporter.report(accounts).catch((error: unknown) => {
              failed = true;
              throw error;
            });
            run.requests += 1;
            const read = readAnswer(accounts, answer);
            closed.push(...read.closed);
            updated += read.updated;
          }
        };
        await Promise.all(Array.from({ length: REQUESTS_IN_FLIGHT }, sendNext));
        const recorded = await store.record(
          REPORT_ACTOR,
          {
            seenCompletedAt: page.lastCompletedAt,
            afterKey: page.afterKey,
            throughKey: page.accounts[page.accounts.length - 1]?.key ?? null,
            more: page.more,
            reported: page.accounts.length,
            updated,
            closed,
          },
          clock.now(),
        );
        run.reported += page.accounts.length;
        run.closed += closed.length;
        run.updated += updated;
        run.erased += recorded.erased;
        if (!recorded.advanced) return superseded(run);
        if (recorded.completed) return { ...run, status: 'completed' };
      }
    } catch (error) {
      const failure = toAppError(error);
      const message = `${failure.message} (${failure.code}); the next run goes on from the last recorded page`;
      await store.stop(message, clock.now()).catch(() => undefined);
      return { ...run, status: 'failed', message };
    }
  }

  return {
    report,
    async reportIfDue() {
      if (!reportDue(await store.status(), clock.now()))
        return { status: 'not_due', requests: 0, reported: 0, closed: 0, updated: 0, erased: 0 };
      return report();
    },
    status: () => store.status(),
    erase: (actor, accountId) => store.erase(actor, accountId),
  };
}

/** Another run moved the pass while this one reported: its erasures stand, the rest is that run's. */
const superseded = (run: PrivacyReportRun): PrivacyReportRun => ({
  ...run,
  status: 'partial',
  message: 'Another run of the report moved on first; it goes on from there',
});
