import { userInfo } from 'node:os';
import { AccountIdSchema } from '../contract/ids';
import { ExitError } from './exit-error';

/** Who ran a CLI command, for audit rows: the operating-system user (the holder of the database credentials). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 128);
  } catch {
    return 'cli';
  }
}

/** The HDC operator a command acts as (`--as-account`): exit 2 with the command's usage when it is not an account id. */
export function operatorAccountOf(value: string | undefined, usage: string): string {
  const parsed = AccountIdSchema.safeParse(value);
  if (!parsed.success) throw new ExitError(2, '--as-account needs an Atlassian account id (an HDC operator)', usage);
  return parsed.data;
}
