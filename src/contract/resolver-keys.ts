import type { z } from 'zod';
import {
  AuditListPayloadSchema,
  EscalatePayloadSchema,
  EventRefPayloadSchema,
  RegistryListPayloadSchema,
  SyncStatusPayloadSchema,
  SyncTreePayloadSchema,
} from './payloads';
import type { AuditEntry, EventStatusView, EventSyncView, RegistryPage, SyncResult, SyncTreeReply } from './results';

/** The resolver keys (the public interface of the backend) with their payload schema and reply type. */
export const RESOLVER_PAYLOADS = {
  'registry.list': RegistryListPayloadSchema,
  'sync.status': SyncStatusPayloadSchema,
  'sync.complete': EventRefPayloadSchema,
  'sync.retry': EventRefPayloadSchema,
  'sync.escalate': EscalatePayloadSchema,
  'sync.tree': SyncTreePayloadSchema,
  'audit.list': AuditListPayloadSchema,
} as const;

export type ResolverKey = keyof typeof RESOLVER_PAYLOADS;

export interface ResolverReplies {
  'registry.list': RegistryPage;
  'sync.status': EventStatusView;
  'sync.complete': SyncResult;
  'sync.retry': SyncResult;
  'sync.escalate': EventSyncView;
  'sync.tree': SyncTreeReply;
  'audit.list': AuditEntry[];
}

export type ResolverPayload<K extends ResolverKey> = z.input<(typeof RESOLVER_PAYLOADS)[K]>;
export type ParsedPayload<K extends ResolverKey> = z.output<(typeof RESOLVER_PAYLOADS)[K]>;
