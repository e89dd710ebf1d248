import type { AlertEvaluation, AlertView } from '../contract/alerts';
import type { Clock } from '../shared/clock';
import type { Thresholds } from '../verification/thresholds';
import type { AlertStore } from './alert-port';
import { alertRulesOf } from './alert-rules';
import { withSla } from './alert-sla';

export interface AlertServiceDeps {
  store: AlertStore;
  thresholds: Thresholds;
  clock: Clock;
}

/** The actor of the scheduled evaluation in the audit log. */
const ALERT_EVALUATOR = 'alert-evaluator';

export interface AlertService {
  /** The fiveMinute trigger: one evaluation at the clock's now, in one database round trip. */
  evaluate(): Promise<AlertEvaluation>;
  /** alerts.list / hdc-ops alerts list: HDC operators only, with each alert's SLAs. */
  list(actor: string, query?: { includeResolved?: boolean; limit?: number }): Promise<AlertView[]>;
  acknowledge(actor: string, alertId: number): Promise<AlertView & { changed: boolean }>;
  resolve(actor: string, alertId: number, note?: string): Promise<AlertView & { changed: boolean }>;
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const { store, thresholds, clock } = deps;
  const rules = alertRulesOf(thresholds);
  const transition = async (actor: string, alertId: number, to: 'acknowledged' | 'resolved', note: string | null) => {
    const now = clock.now();
    const alert = await store.transition(actor, { alertId, to, note, at: now });
    return withSla(alert, thresholds, now) as AlertView & { changed: boolean };
  };
  return {
    evaluate: () => store.evaluate(clock.now(), rules, ALERT_EVALUATOR),
    async list(actor, query = {}) {
      const alerts = await store.list(actor, {
        includeResolved: query.includeResolved ?? false,
        limit: query.limit ?? 50,
      });
      const now = clock.now();
      return alerts.map((alert) => withSla(alert, thresholds, now));
    },
    acknowledge: (actor, alertId) => transition(actor, alertId, 'acknowledged', null),
    resolve: (actor, alertId, note) => transition(actor, alertId, 'resolved', note ?? null),
  };
}
