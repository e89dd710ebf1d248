import type { Operator } from '../contract/verification';

/** The operators port: who may run operations on a site (generate reports now; more to come). */
export interface OperatorStore {
  isOperator(accountId: string): Promise<boolean>;
  addOperator(accountId: string, actor: string): Promise<Operator[]>;
  removeOperator(accountId: string, actor: string): Promise<Operator[]>;
  listOperators(): Promise<Operator[]>;
}
