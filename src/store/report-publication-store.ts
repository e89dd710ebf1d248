import { z } from 'zod';
import { WeeklyReportSchema } from '../contract/weekly-report';
import type { PublicationClaim, ReportPublicationStore } from '../verification/report-publication-port';
import type { SiteRpc } from './site-rpc';

const PublicationClaimSchema: z.ZodType<PublicationClaim> = z.object({
  pageId: z.string().nullable(),
  responders: z.array(z.string()),
  report: WeeklyReportSchema.nullable(),
});

export function createReportPublicationStore(rpc: SiteRpc): ReportPublicationStore {
  return {
    claim: (now) => rpc.call('hdc_report_publish_claim', { p_now: now }, PublicationClaimSchema),
    async record(reportId, pageId, mentioned, now) {
      await rpc.call(
        'hdc_report_publish_record',
        { p_report_id: reportId, p_page_id: pageId, p_mentioned: mentioned, p_at: now },
        z.object({ id: z.coerce.number() }),
        'write',
      );
    },
  };
}
