import { AppError } from '../shared/app-error';
import type { Operator } from '../contract/verification';
import type { OperatorStore } from './operator-port';

/** HDC operators of the site: managed from the CLI (`hdc-ops operator`), every change audited. */
export interface OperatorService {
  add(accountId: string, actor: string): Promise<Operator[]>;
  remove(accountId: string, actor: string): Promise<Operator[]>;
  list(): Promise<Operator[]>;
  /** Refuses (forbidden) an account that is not an HDC operator of the site: checked before an operator's long work. */
  requireOperator(accountId: string): Promise<void>;
}

export function createOperatorService(store: OperatorStore): OperatorService {
  return {
    add: (accountId, actor) => store.addOperator(accountId, actor),
    remove: (accountId, actor) => store.removeOperator(accountId, actor),
    list: () => store.listOperators(),
    async requireOperator(accountId) {
      if (!(await store.isOperator(accountId))) {
        throw new AppError('forbidden', `${accountId} is not an HDC operator of this site`, {
          guidance: 'Ask an HDC operator to run it, or to make you one. Nothing was run.',
          retryable: false,
        });
      }
    },
  };
}
