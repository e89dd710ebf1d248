import { z } from 'zod';
import type { Operator } from '../contract/verification';
import { OperatorSchema } from '../contract/verification';
import type { SiteRpc } from './site-rpc';

/** The operators port: who may run operations on a site (generate reports now; more to come). */
export interface OperatorStore {
  isOperator(accountId: string): Promise<boolean>;
  addOperator(accountId: string, actor: string): Promise<Operator[]>;
  removeOperator(accountId: string, actor: string): Promise<Operator[]>;
  listOperators(): Promise<Operator[]>;
}

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
