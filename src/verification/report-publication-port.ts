import type { WeeklyReport } from '../contract/weekly-report';

/** What publishing the newest weekly report needs (hdc_report_publish_claim). */
export interface PublicationClaim {
  /** The page reports go under (the report page, else the operations page); null: none configured. */
  pageId: string | null;
  /** The site's HDC operators: mentioned when the report is a FAIL. */
  responders: string[];
  /** The newest report of the last week not published yet; null: nothing to publish. */
  report: WeeklyReport | null;
}

export interface ReportPublicationStore {
  claim(now: Date): Promise<PublicationClaim>;
  record(reportId: number, pageId: string, mentioned: number, now: Date): Promise<void>;
}
