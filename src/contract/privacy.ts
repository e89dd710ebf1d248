import { z } from 'zod';

/** Personal data as the backend, the CLI and the macros see it (erased-account.ts: the pseudonyms). */

const Count = z.number().int().nonnegative();

/** What one pass of the privacy report did: every stored account reported once. */
const PrivacyOutcomeSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  reported: Count,
  closed: Count,
  updated: Count,
});

/** The privacy report's status on a site: the last completed pass, one in progress, the last failure. */
export const PrivacyStatusSchema = z.object({
  lastCompletedAt: z.string().nullable(),
  lastOutcome: PrivacyOutcomeSchema.nullable(),
  inProgress: z.object({ startedAt: z.string(), reported: Count, closed: Count, updated: Count }).nullable(),
  lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
});
export type PrivacyStatus = z.infer<typeof PrivacyStatusSchema>;

/** An erasure: how many people it erased and rows it changed, and their pseudonyms (never who they were). */
export const ErasureSchema = z.object({
  erased: Count,
  rows: Count,
  pseudonyms: z.array(z.string()),
});
export type Erasure = z.infer<typeof ErasureSchema>;
