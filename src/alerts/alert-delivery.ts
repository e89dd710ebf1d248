import type { DeliveryRun, DeliverySettings } from '../contract/alerts';
import type { ConfluencePort } from '../confluence/confluence-port';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Thresholds } from '../verification/thresholds';
import type { AlertDeliveryStore, DeliveryClaim } from './alert-delivery-port';
import { planDelivery } from './alert-delivery-rules';
import type { PlannedNotification } from './alert-delivery-rules';
import {
  STANDING_ALERTS_TITLE,
  changeComment,
  changeSentence,
  incidentBody,
  incidentTitle,
  notificationMarker,
  standingBody,
} from './alert-pages';
import type { AlertWebhook } from './alert-webhook';
import { pageWriter } from '../confluence/page-writer';
import type { PageWriter } from '../confluence/page-writer';
import { checkDeliveryPages } from './delivery-pages';
import type { DeliveryPages } from './delivery-pages';

export interface AlertDeliveryDeps {
  store: AlertDeliveryStore;
  /** Confluence as the app (scheduled work); null where none is reachable (nothing is sent, nothing lost). */
  confluence: ConfluencePort | null;
  thresholds: Thresholds;
  clock: Clock;
  /** The chat webhook, when one is configured (HDC_ALERT_WEBHOOK_URL). */
  webhook?: AlertWebhook | undefined;
  /** Refuses who is not an HDC operator: checked before Confluence is asked about the pages. */
  requireOperator: (accountId: string) => Promise<void>;
}

export interface AlertDelivery {
  /** One run: the pending notifications into Confluence; runs after each evaluation (the fiveMinute trigger). */
  deliver(): Promise<DeliveryRun>;
  /** HDC operators: where alerts and reports go (the operations page; the reports' page), each page checked first. */
  configure(actor: string, pages: DeliveryPages): Promise<DeliverySettings>;
}

/** At most this many notifications per run (the rest wait five minutes); each claimed for two minutes. */
const CLAIM = { limit: 25, leaseSeconds: 120 } as const;

/** Confluence down or limiting: stop the run, leave the rest for the next one without spending their attempts. */
const isOutage = (code: string) => code === 'transient' || code === 'unavailable';

const errorText = (error: unknown) => {
  const appError = toAppError(error);
  return { code: appError.code, text: `${appError.code}: ${appError.message}`.slice(0, 300) };
};

export function createAlertDelivery(deps: AlertDeliveryDeps): AlertDelivery {
  const { store, confluence, thresholds, clock } = deps;
  const policy = thresholds.alerts.delivery;

  async function deliverIncident(writer: PageWriter, item: PlannedNotification, claim: DeliveryClaim): Promise<string> {
    const { notification } = item;
    const page = await writer.write(
      incidentTitle(notification.alert),
      incidentBody(notification.alert, claim.onCall.length),
      notification.alert.incidentPageId,
    );
    const marker = notificationMarker(notification.id);
    const already = !page.created && (await writer.commentBodies(page.id)).some((body) => body.includes(marker));
    if (!already) await writer.comment(page.id, changeComment(notification, claim.onCall, item.mention));
    return page.id;
  }

  /** Confluence holds the record: a chat failure is noted in the audit row, never undoes the delivery. */
  async function postToChat(item: PlannedNotification, pageId: string): Promise<'sent' | 'failed'> {
    try {
      await deps.webhook?.send(
        `[HDC Ops] ${changeSentence(item.notification)} (incident page ${pageId}: ${incidentTitle(item.notification.alert)})`,
      );
      return 'sent';
    } catch {
      return 'failed';
    }
  }

  return {
    async configure(actor, pages) {
      await deps.requireOperator(actor);
      if (confluence !== null) await checkDeliveryPages(confluence, pages);
      return store.configure(actor, pages, clock.now());
    },
    async deliver() {
      const now = clock.now();
      const claim = await store.claim(now, CLAIM);
      const run: DeliveryRun = { delivered: 0, capped: 0, mentions: 0, failed: 0, held: claim.held, reason: null };
      const opsPageId = claim.settings.opsPageId;
      if (opsPageId === null) {
        return {
          ...run,
          reason:
            'No operations page is configured: alerts stay in HDC Ops until an operator sets one (hdc-ops alerts configure --ops-page <page id>).',
        };
      }
      if (claim.notifications.length === 0) return run;
      const record = (id: number, outcome: Parameters<AlertDeliveryStore['record']>[1]) =>
        store.record(id, outcome, clock.now(), policy.max_attempts);
      const release = async (items: readonly PlannedNotification[], error: string) => {
        for (const item of items) await record(item.notification.id, { delivered: false, tried: false, error });
        return { ...run, failed: run.failed + items.length, reason: error };
      };

      const plan = planDelivery(claim.notifications, {
        incidentSeverities: policy.incident_severities,
        notificationsPerHour: policy.notifications_per_hour,
        reachedLastHour: claim.reachedLastHour,
        onCall: claim.onCall,
        webhook: deps.webhook !== undefined,
      });
      if (confluence === null) return release(plan, 'Confluence is not reachable from here: the next run tries again.');
      let writer: PageWriter;
      try {
        writer = await pageWriter(confluence, opsPageId);
      } catch (error) {
        return release(plan, errorText(error).text);
      }

      const standing = plan.filter((item) => item.target === 'standing');
      const incidents = plan.filter((item) => item.target === 'incident');
      if (standing.length > 0) {
        try {
          const page = await writer.write(STANDING_ALERTS_TITLE, standingBody(claim.openAlerts, now), null);
          for (const item of standing) {
            await record(item.notification.id, {
              delivered: true,
              pageId: page.id,
              mentioned: 0,
              reached: false,
              capped: false,
              incident: false,
              chat: 'none',
            });
            run.delivered += 1;
          }
        } catch (error) {
          const { code, text } = errorText(error);
          if (isOutage(code)) return release(plan, text);
          for (const item of standing)
            await record(item.notification.id, { delivered: false, tried: true, error: text });
          run.failed += standing.length;
        }
      }
      for (const [index, item] of incidents.entries()) {
        try {
          const pageId = await deliverIncident(writer, item, claim);
          const mentioned = item.mention ? claim.onCall.length : 0;
          const chat = item.chat ? await postToChat(item, pageId) : 'none';
          await record(item.notification.id, {
            delivered: true,
            pageId,
            mentioned,
            reached: item.mention || item.chat,
            capped: item.capped,
            incident: true,
            chat,
          });
          run.delivered += 1;
          run.mentions += mentioned;
          if (item.capped) run.capped += 1;
        } catch (error) {
          const { code, text } = errorText(error);
          await record(item.notification.id, { delivered: false, tried: !isOutage(code), error: text });
          run.failed += 1;
          if (isOutage(code)) {
            const rest = await release(incidents.slice(index + 1), text);
            return { ...rest, delivered: run.delivered, capped: run.capped, mentions: run.mentions };
          }
          run.reason = text;
        }
      }
      return run;
    },
  };
}
