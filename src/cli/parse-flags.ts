import type { z } from 'zod';
import { ExitError } from './exit-error';

/** `eventId` → `--event-id`. */
const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** zod's own wording ("Invalid input: expected number, received NaN") is for programmers. */
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Unrecognized)/;

const FORMATS: Readonly<Record<string, string>> = {
  uuid: 'a UUID',
  url: 'a URL',
  regex: 'in the form shown in --help',
  datetime: 'an ISO date and time',
};

/** What a flag's value must be, in people's words; a message a schema wrote for people is kept. */
function flagProblem(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? 'must be a whole number'
        : issue.expected === 'number'
          ? 'must be a number'
          : `must be a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must have at least ${String(issue.minimum)} characters`
        : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must have at most ${String(issue.maximum)} characters`
        : `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `is not a flag of this command: ${issue.keys.map(flagName).join(', ')}`;
    default:
      return 'is not valid';
  }
}

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
    return flag === '' ? flagProblem(issue) : `${flag} ${flagProblem(issue)}`;
  });
  throw new ExitError(2, `Invalid flags: ${problems.join('; ')}`);
}
