import type { z } from 'zod';
import { ExitError } from './exit-error';

/** zod for CLI flags: a bad flag is exit 2 naming the flag. */
export function parseFlags<S extends z.ZodType>(schema: S, flags: Record<string, unknown>): z.output<S> {
  const defined = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const parsed = schema.safeParse(defined);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const flag = issue.path.map((part) => `--${String(part).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(' ');
    return `${flag || 'flags'}: ${issue.message}`;
  });
  throw new ExitError(2, `Invalid flags: ${problems.join('; ')}`, 'See hdc-ops <command> --help.');
}
