import type { z } from 'zod';
import { AppError } from '../shared/app-error';

const MAX_REPORTED_ISSUES = 5;

/** The path of the first string holding NUL anywhere in the payload (keys included), or null. */
function pathOfNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    const at =
      path === '' ? key.replace(/\0/g, '\\0').slice(0, 40) : `${path}.${key.replace(/\0/g, '\\0').slice(0, 40)}`;
    if (key.includes('\0')) return at;
    const found = pathOfNul(inner, at);
    if (found !== null) return found;
  }
  return null;
}

/**
 * zod at the boundary: the reply names each bad field, never echoes its value. First, a NUL
 * character in any string of any field (Postgres text cannot hold one) is refused as validation
 * before any schema runs, so no key ever reaches the database with one.
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const nul = pathOfNul(payload, '');
  if (nul !== null) {
    throw new AppError('validation', `Invalid request: ${nul || 'payload'} must not contain NUL (\\0) characters`, {
      guidance: 'Remove the NUL character and send the request again.',
      retryable: false,
    });
  }
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
