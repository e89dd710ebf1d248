import type { z } from 'zod';
import { ExitError } from './exit-error';

/** `eventId` → `--event-id`. */
export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * zod for CLI flags: a bad flag is exit 2 naming the flag and what it must be (the CLI's top level
 * adds the command's own --help). A schema whose problem is not one flag's (a choice between flags)
 * says so in its own message.
 */
export function parseFlags<S extends z.ZodType>(schema: S, flags: Record<string, unknown>): z.output<S> {
  const defined = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(defined);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const flag = issue.path.map((part) => flagName(String(part))).join(' ');
    return flag === '' ? issue.message : `${flag} ${issue.message}`;
  });
  throw new ExitError(2, `Invalid flags: ${problems.join('; ')}`);
}
