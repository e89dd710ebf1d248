import type { Alert, AlertEvaluation } from '../contract/alerts';
import type { alertRulesOf } from './alert-rules';

/** The alerts capability's port: one evaluation, the list, and an operator's transitions. */
export interface AlertStore {
  /** One evaluation at `now` with the rules: opens, keeps and resolves alerts, in one round trip. */
  evaluate(now: Date, rules: ReturnType<typeof alertRulesOf>, actor: string): Promise<AlertEvaluation>;
  /** HDC operators only (checked in the database). */
  list(actor: string, query: { includeResolved: boolean; limit: number }): Promise<Alert[]>;
  transition(
    actor: string,
    change: { alertId: number; to: 'acknowledged' | 'resolved'; note: string | null; at: Date },
  ): Promise<Alert & { changed: boolean }>;
}
