import type { Operator } from '../contract/verification';
import type { OperatorStore } from '../store/operator-store';

/** HDC operators of the site: managed from the CLI (`hdc-ops operator`), every change audited. */
export interface OperatorService {
  add(accountId: string, actor: string): Promise<Operator[]>;
  remove(accountId: string, actor: string): Promise<Operator[]>;
  list(): Promise<Operator[]>;
}

export function createOperatorService(store: OperatorStore): OperatorService {
  return {
    add: (accountId, actor) => store.addOperator(accountId, actor),
    remove: (accountId, actor) => store.removeOperator(accountId, actor),
    list: () => store.listOperators(),
  };
}
