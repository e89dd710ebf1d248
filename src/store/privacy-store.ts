import { z } from 'zod';
import { ErasureSchema, PrivacyStatusSchema } from '../contract/privacy';
import type { PrivacyStore, ReportPage } from '../privacy/privacy-port';
import type { SiteRpc } from './site-rpc';

const ReportPageSchema: z.ZodType<ReportPage> = z.object({
  afterKey: z.string().nullable(),
  passStartedAt: z.string().nullable(),
  lastCompletedAt: z.string().nullable(),
  accounts: z.array(z.object({ accountId: z.string(), key: z.string(), updatedAt: z.string() })),
  more: z.boolean(),
});

const RecordedSchema = z.object({ erased: z.number().int(), advanced: z.boolean(), completed: z.boolean() });

export function createPrivacyStore(rpc: SiteRpc): PrivacyStore {
  return {
    next: (limit) => rpc.call('hdc_privacy_report_next', { p_limit: limit }, ReportPageSchema),
    record: (actor, batch, now) =>
      rpc.call(
        'hdc_privacy_report_record',
        {
          p_actor: actor,
          p_now: now,
          p_seen_completed_at: batch.seenCompletedAt,
          p_after_key: batch.afterKey,
          p_through_key: batch.throughKey,
          p_more: batch.more,
          p_reported: batch.reported,
          p_updated: batch.updated,
          p_closed: batch.closed,
        },
        RecordedSchema,
        'write',
      ),
    stop: (reason, now) =>
      rpc.call('hdc_privacy_report_stop', { p_now: now, p_reason: reason }, PrivacyStatusSchema, 'write'),
    status: () => rpc.call('hdc_privacy_status', {}, PrivacyStatusSchema),
    erase: (actor, accountId) =>
      rpc.call('hdc_privacy_erase', { p_actor: actor, p_account: accountId }, ErasureSchema, 'write'),
  };
}
