import { userInfo } from 'node:os';

/** Who ran a CLI command, for audit rows: the operating-system user (the holder of the database credentials). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 128);
  } catch {
    return 'cli';
  }
}
