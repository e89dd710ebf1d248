import { z } from 'zod';
import { AlertSchema, DeliverySettingsSchema } from '../contract/alerts';
import type { AlertDeliveryStore, DeliveryClaim } from '../alerts/alert-delivery-port';
import type { SiteRpc } from './site-rpc';

const DeliveryClaimSchema: z.ZodType<DeliveryClaim> = z.object({
  settings: DeliverySettingsSchema,
  onCall: z.array(z.string()),
  reachedLastHour: z.coerce.number().int(),
  held: z.coerce.number().int(),
  notifications: z.array(
    z.object({
      id: z.coerce.number().int(),
      change: z.enum(['fired', 'escalated', 'acknowledged', 'resolved']),
      severity: AlertSchema.shape.severity,
      createdAt: z.string(),
      attempts: z.coerce.number().int(),
      alert: AlertSchema,
    }),
  ),
  openAlerts: z.array(AlertSchema),
});

export function createAlertDeliveryStore(rpc: SiteRpc): AlertDeliveryStore {
  return {
    claim: (now, { limit, leaseSeconds }) =>
      rpc.call(
        'hdc_alert_delivery_claim',
        { p_now: now, p_limit: limit, p_lease_seconds: leaseSeconds },
        DeliveryClaimSchema,
        'write',
      ),
    async record(notificationId, outcome, now, maxAttempts) {
      await rpc.call(
        'hdc_alert_delivery_record',
        { p_notification_id: notificationId, p_outcome: outcome, p_now: now, p_max_attempts: maxAttempts },
        z.object({ id: z.coerce.number() }),
        'write',
      );
    },
    configure: (actor, pages, now) =>
      rpc.call(
        'hdc_delivery_configure',
        { p_actor: actor, p_ops_page_id: pages.opsPageId, p_report_page_id: pages.reportPageId, p_at: now },
        DeliverySettingsSchema,
        'write',
      ),
  };
}
