import type { z } from 'zod';
import {
  AuditListPayloadSchema,
  EventRefPayloadSchema,
  RegistryListPayloadSchema,
  SyncStatusPayloadSchema,
} from './payloads';
import type { AuditEntry, EventSyncView, RegistryPage, SyncResult } from './results';

/** The resolver keys (the public interface of the backend) with their payload schema and reply type. */
export const RESOLVER_PAYLOADS = {
  'registry.list': RegistryListPayloadSchema,
  'sync.status': SyncStatusPayloadSchema,
  'sync.complete': EventRefPayloadSchema,
  'sync.retry': EventRefPayloadSchema,
  'audit.list': AuditListPayloadSchema,
} as const;

export type ResolverKey = keyof typeof RESOLVER_PAYLOADS;

export interface ResolverReplies {
  'registry.list': RegistryPage;
  'sync.status': EventSyncView;
  'sync.complete': SyncResult;
  'sync.retry': SyncResult;
  'audit.list': AuditEntry[];
}

export type ResolverPayload<K extends ResolverKey> = z.input<(typeof RESOLVER_PAYLOADS)[K]>;
export type ParsedPayload<K extends ResolverKey> = z.output<(typeof RESOLVER_PAYLOADS)[K]>;
