import { z } from 'zod';
import type { AuditEntry, EventStatusView, EventSyncView, SyncResult } from '../contract/results';
import { AuditEntrySchema, EventStatusViewSchema, EventSyncViewSchema, SyncResultSchema } from '../contract/results';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';
import type { SiteRpc } from './site-rpc';

export type EventRef = { eventId: string } | { pageId: string };

export interface SyncCommand {
  eventId: string;
  actorAccountId: string;
  /** The same key again returns the first request's reply (a retry after an ambiguous timeout). */
  idempotencyKey: string;
}

/** The sync capability's port. Complete + Sync and Retry Sync are one transaction, one round trip each. */
export interface SyncStore {
  getSyncStatus(ref: EventRef, viewerAccountId: string | null): Promise<EventStatusView>;
  runSync(action: 'complete' | 'retry', command: SyncCommand & { telemetry: TelemetryCall }): Promise<SyncResult>;
  escalateSync(command: SyncCommand & { note: string }): Promise<EventSyncView>;
  listAudit(query: { eventId: string; actorAccountId: string; limit: number }): Promise<AuditEntry[]>;
}

const SYNC_FUNCTIONS = { complete: 'hdc_complete_and_sync', retry: 'hdc_retry_sync' } as const;

export function createSyncStore(rpc: SiteRpc): SyncStore {
  return {
    getSyncStatus(ref, viewerAccountId) {
      return rpc.call(
        'hdc_sync_status',
        {
          p_event_id: 'eventId' in ref ? ref.eventId : null,
          p_page_id: 'pageId' in ref ? ref.pageId : null,
          p_actor: viewerAccountId,
        },
        EventStatusViewSchema,
      );
    },
    runSync(action, { eventId, actorAccountId, idempotencyKey, telemetry }) {
      return rpc.call(
        SYNC_FUNCTIONS[action],
        { p_event_id: eventId, p_actor: actorAccountId, p_idempotency_key: idempotencyKey, p_telemetry_id: telemetry.id },
        SyncResultSchema,
        'idempotent_write',
      );
    },
    escalateSync({ eventId, actorAccountId, idempotencyKey, note }) {
      return rpc.call(
        'hdc_escalate_sync',
        { p_event_id: eventId, p_actor: actorAccountId, p_note: note, p_idempotency_key: idempotencyKey },
        EventSyncViewSchema,
        'idempotent_write',
      );
    },
    listAudit({ eventId, actorAccountId, limit }) {
      return rpc.call('hdc_audit_list', { p_event_id: eventId, p_actor: actorAccountId, p_limit: limit }, z.array(AuditEntrySchema));
    },
  };
}
