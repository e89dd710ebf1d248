/**
 * An erased person is named by a pseudonym with this prefix (db/functions/privacy/hdc_pseudonym.sql)
 * in every row that kept them. Apart from the schemas (no zod here): the macros import it.
 */
const ERASED_ACCOUNT_PREFIX = 'erased-';

/** Whether an account id is an erased person's pseudonym (the macros show "Former user"). */
export const isErasedAccount = (accountId: string): boolean => accountId.startsWith(ERASED_ACCOUNT_PREFIX);
