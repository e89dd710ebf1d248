import type { ConfluencePort } from '../confluence/confluence-port';
import { pageWriter } from '../confluence/page-writer';
import type { Clock } from '../shared/clock';
import type { ReportPublicationStore } from './report-publication-port';
import { weeklyReportBody, weeklyReportTitle } from './weekly-report-page';

/** What one publication did: the page written (and how many people its mentions reached), or why nothing was. */
export type ReportPublished =
  { status: 'published'; reportId: number; pageId: string; mentioned: number } | { status: 'nothing'; reason: string };

export interface ReportPublicationDeps {
  store: ReportPublicationStore;
  /** Confluence as the app; null where none is reachable. */
  confluence: ConfluencePort | null;
  clock: Clock;
}

/**
 * The weekly report as a Confluence page under the configured page, after the weekly run and on
 * every alert run until it is published (so that a Confluence outage only delays it). Written by
 * title, so a retry or a second publisher rewrites the week's page instead of making another.
 */
export function createReportPublication(deps: ReportPublicationDeps) {
  return {
    async publishPending(): Promise<ReportPublished> {
      const claim = await deps.store.claim(deps.clock.now());
      if (claim.pageId === null)
        return { status: 'nothing', reason: 'No operations page is configured: reports stay in HDC Ops.' };
      const report = claim.report;
      if (report?.id === undefined)
        return { status: 'nothing', reason: 'No report of the last week waits to be published.' };
      if (deps.confluence === null) return { status: 'nothing', reason: 'Confluence is not reachable from here.' };
      const writer = await pageWriter(deps.confluence, claim.pageId);
      const page = await writer.write(weeklyReportTitle(report), weeklyReportBody(report, claim.responders), null);
      const mentioned = report.status === 'FAIL' ? claim.responders.length : 0;
      await deps.store.record(report.id, page.id, mentioned, deps.clock.now());
      return { status: 'published', reportId: report.id, pageId: page.id, mentioned };
    },
  };
}

export type ReportPublication = ReturnType<typeof createReportPublication>;
