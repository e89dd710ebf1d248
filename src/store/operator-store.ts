import { z } from 'zod';
import { OperatorSchema } from '../contract/verification';
import type { OperatorStore } from '../ops/operator-port';
import type { SiteRpc } from './site-rpc';

export function createOperatorStore(rpc: SiteRpc): OperatorStore {
  const Operators = z.array(OperatorSchema);
  return {
    isOperator: (accountId) => rpc.call('hdc_is_operator', { p_account: accountId }, z.boolean()),
    addOperator: (accountId, actor) =>
      rpc.call('hdc_operator_add', { p_account: accountId, p_actor: actor }, Operators, 'write'),
    removeOperator: (accountId, actor) =>
      rpc.call('hdc_operator_remove', { p_account: accountId, p_actor: actor }, Operators, 'write'),
    listOperators: () => rpc.call('hdc_operator_list', {}, Operators),
  };
}
