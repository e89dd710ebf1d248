import { z } from 'zod';
import { ESCALATION_NOTE_MAX, ESCALATION_NOTE_MIN } from './escalation-note';
import { FreeTextSchema } from './free-text';
import { EventIdSchema, IdempotencyKeySchema, PageIdSchema } from './ids';

const REGISTRY_DEFAULT_LIMIT = 100;
const REGISTRY_MAX_LIMIT = 500;

export const RegistryListPayloadSchema = z.strictObject({
  parentPageId: PageIdSchema.optional(),
  cursor: FreeTextSchema.max(512).optional(),
  /** Case-insensitive part of the event name. */
  nameContains: FreeTextSchema.trim().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(REGISTRY_MAX_LIMIT).default(REGISTRY_DEFAULT_LIMIT),
});

/**
 * Complete + Sync and Retry Sync. `idempotencyKey` (a UUID the macro makes per click) makes a retry
 * after an ambiguous timeout return the first attempt's result instead of a misleading refusal.
 */
export const SyncActionPayloadSchema = z.strictObject({
  eventId: EventIdSchema,
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/**
 * Complete + Sync. `endEarly: true` confirms ending an event that is still in hacking or voting
 * (the backend refuses Complete + Sync then without it, and refuses it in any other stage).
 */
export const SyncCompletePayloadSchema = SyncActionPayloadSchema.extend({ endEarly: z.boolean().optional() });

export const SyncStatusPayloadSchema = z.union([
  z.strictObject({ eventId: EventIdSchema }),
  z.strictObject({ pageId: PageIdSchema }),
]);

export const AuditListPayloadSchema = z.strictObject({ eventId: EventIdSchema });

export const EscalatePayloadSchema = z.strictObject({
  eventId: EventIdSchema,
  idempotencyKey: IdempotencyKeySchema.optional(),
  note: FreeTextSchema.trim()
    .min(ESCALATION_NOTE_MIN, `must say what was checked and who was told (${ESCALATION_NOTE_MIN} characters or more)`)
    .max(ESCALATION_NOTE_MAX, `must be at most ${ESCALATION_NOTE_MAX} characters`),
});

/** The tree alone (no ref, on a page without an event) or with an event's position in it. */
export const SyncTreePayloadSchema = z.union([
  z.strictObject({ eventId: EventIdSchema }),
  z.strictObject({ pageId: PageIdSchema }),
  z.strictObject({}),
]);

export const ReportDryRunPayloadSchema = z.strictObject({
  /** Case-insensitive prefix of event names; default HDC_CANONICAL_EVENT_QUERY. */
  eventQuery: FreeTextSchema.trim().max(200).optional(),
});
export const ReportGeneratePayloadSchema = z.strictObject({ idempotencyKey: IdempotencyKeySchema.optional() });
export const ReportListPayloadSchema = z.strictObject({ limit: z.number().int().min(1).max(200).optional() });
/** A stored report by id; without id, the latest. */
export const ReportRefPayloadSchema = z.strictObject({ id: z.number().int().positive().optional() });
