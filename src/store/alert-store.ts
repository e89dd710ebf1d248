import { z } from 'zod';
import { AlertEvaluationSchema, AlertSchema } from '../contract/alerts';
import type { AlertStore } from '../alerts/alert-port';
import type { SiteRpc } from './site-rpc';

export function createAlertStore(rpc: SiteRpc): AlertStore {
  return {
    evaluate: (now, rules, actor) =>
      rpc.call('hdc_alert_evaluate', { p_now: now, p_rules: rules, p_actor: actor }, AlertEvaluationSchema, 'write'),
    list: (actor, { includeResolved, limit }) =>
      rpc.call(
        'hdc_alert_list',
        { p_actor: actor, p_include_resolved: includeResolved, p_limit: limit },
        z.array(AlertSchema),
      ),
    transition: (actor, { alertId, to, note, at }) =>
      rpc.call(
        'hdc_alert_transition',
        { p_actor: actor, p_alert_id: alertId, p_to: to, p_note: note, p_at: at },
        AlertSchema.extend({ changed: z.boolean() }),
        'write',
      ),
  };
}
