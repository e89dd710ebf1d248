import { z } from 'zod';
import { AuditEntrySchema, EventStatusViewSchema, EventSyncViewSchema, SyncResultSchema } from '../contract/results';
import type { SyncStore } from '../sync/sync-port';
import type { SiteRpc } from './site-rpc';

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
        'hdc_run_sync',
        {
          p_action: action,
          p_event_id: eventId,
          p_actor: actorAccountId,
          p_idempotency_key: idempotencyKey,
        },
        SyncResultSchema,
        'idempotent_write',
        { measured: { call: telemetry, attributes: { action, eventId } } },
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
      return rpc.call(
        'hdc_audit_list',
        { p_event_id: eventId, p_actor: actorAccountId, p_limit: limit },
        z.array(AuditEntrySchema),
      );
    },
  };
}
