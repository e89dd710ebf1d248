import { z } from 'zod';

/**
 * Text a person types (a search, a note, a query). Postgres text cannot hold NUL, so a string with
 * one is refused here as a validation error instead of failing in the database as `internal`.
 */
export const FreeTextSchema = z
  .string()
  .refine((text) => !text.includes('\0'), 'must not contain NUL (\\0) characters');
