import type { Alert, DeliverySettings } from '../contract/alerts';

/** A notification claimed for one delivery run: one alert state change. */
export interface ClaimedNotification {
  id: number;
  change: 'fired' | 'escalated' | 'acknowledged' | 'resolved';
  severity: Alert['severity'];
  createdAt: string;
  attempts: number;
  alert: Alert;
}

/** What a delivery run needs, read and claimed in one round trip (hdc_alert_delivery_claim). */
export interface DeliveryClaim {
  settings: DeliverySettings;
  /** The on-call operators: the site's HDC operators, by account id. */
  onCall: string[];
  /** Notifications that reached people (mentions or the chat webhook) in the hour before now: the cap's count. */
  reachedLastHour: number;
  /** Pending notifications held because the site has no operations page (0 when it has one). */
  held: number;
  notifications: ClaimedNotification[];
  /** The site's open alerts, most severe first: the standing page's table. */
  openAlerts: Alert[];
}

type DeliveryOutcome =
  | {
      delivered: true;
      pageId: string;
      mentioned: number;
      /** It notified someone: mentions, or the chat webhook (the hourly cap counts these). */
      reached: boolean;
      capped: boolean;
      incident: boolean;
      chat: 'sent' | 'failed' | 'none';
    }
  | { delivered: false; tried: boolean; error: string };

/** The alert delivery's port: claim, record, configure. */
export interface AlertDeliveryStore {
  claim(now: Date, query: { limit: number; leaseSeconds: number }): Promise<DeliveryClaim>;
  record(notificationId: number, outcome: DeliveryOutcome, now: Date, maxAttempts: number): Promise<void>;
  /** HDC operators only (checked in the database); null clears a page. */
  configure(
    actor: string,
    pages: { opsPageId: string | null; reportPageId: string | null },
    now: Date,
  ): Promise<DeliverySettings>;
}
