import { z } from 'zod';
import { FreeTextSchema } from '../contract/free-text';
import { AppError } from '../shared/app-error';
import type { RegistryKey } from './registry-port';

const CursorSchema = z.strictObject({ k: FreeTextSchema.max(400), id: z.uuid() });

/** Opaque to clients: base64url of the last row's sort key and id. */
export function encodeRegistryCursor(key: RegistryKey): string {
  return Buffer.from(JSON.stringify({ k: key.sortKey, id: key.id }), 'utf8').toString('base64url');
}

export function decodeRegistryCursor(cursor: string): RegistryKey {
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { sortKey: parsed.k, id: parsed.id };
  } catch (error) {
    throw new AppError('validation', 'The registry cursor is not valid', {
      guidance: 'Use the nextCursor of the previous page as it was given, or start again without a cursor.',
      retryable: false,
      cause: error,
    });
  }
}
