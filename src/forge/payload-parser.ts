import type { z } from 'zod';
import { AppError } from '../shared/app-error';

const MAX_REPORTED_ISSUES = 5;

/** zod at the boundary: the reply names each bad field, never echoes its value. */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = issue.path.map((part) => String(part).slice(0, 40)).join('.') || 'payload';
    const message = issue.code === 'unrecognized_keys' ? 'has fields that are not allowed' : issue.message;
    return `${path} ${message}`.slice(0, 160);
  });
  throw new AppError('validation', `Invalid request: ${problems.join('; ')}`, {
    guidance: 'Send only the documented fields with valid values (see docs/resolver-api.md).',
    retryable: false,
  });
}
