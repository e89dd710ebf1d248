import { z } from 'zod';
import { EventIdSchema, PageIdSchema } from './ids';

export const REGISTRY_DEFAULT_LIMIT = 100;
export const REGISTRY_MAX_LIMIT = 500;

export const RegistryListPayloadSchema = z.strictObject({
  parentPageId: PageIdSchema.optional(),
  cursor: z.string().max(512).optional(),
  limit: z.number().int().min(1).max(REGISTRY_MAX_LIMIT).default(REGISTRY_DEFAULT_LIMIT),
});
export type RegistryListPayload = z.input<typeof RegistryListPayloadSchema>;

export const EventRefPayloadSchema = z.strictObject({ eventId: EventIdSchema });
export type EventRefPayload = z.input<typeof EventRefPayloadSchema>;

export const SyncStatusPayloadSchema = z.union([
  z.strictObject({ eventId: EventIdSchema }),
  z.strictObject({ pageId: PageIdSchema }),
]);
export type SyncStatusPayload = z.input<typeof SyncStatusPayloadSchema>;

export const AuditListPayloadSchema = z.strictObject({ eventId: EventIdSchema });
export type AuditListPayload = z.input<typeof AuditListPayloadSchema>;
