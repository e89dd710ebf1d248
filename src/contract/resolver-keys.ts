import type { z } from 'zod';
import {
  AuditListPayloadSchema,
  EscalatePayloadSchema,
  RegistryListPayloadSchema,
  ReportDryRunPayloadSchema,
  ReportGeneratePayloadSchema,
  ReportListPayloadSchema,
  ReportRefPayloadSchema,
  SyncActionPayloadSchema,
  SyncStatusPayloadSchema,
  SyncTreePayloadSchema,
} from './payloads';
import type { AuditEntry, EventStatusView, EventSyncView, RegistryPage, SyncResult, SyncTreeReply } from './results';
import type { IntegrityDryRun } from './verification';
import type { ReportHistory, WeeklyReport } from './weekly-report';

/** The resolver keys (the public interface of the backend) with their payload schema and reply type. */
export const RESOLVER_PAYLOADS = {
  'registry.list': RegistryListPayloadSchema,
  'sync.status': SyncStatusPayloadSchema,
  'sync.complete': SyncActionPayloadSchema,
  'sync.retry': SyncActionPayloadSchema,
  'sync.escalate': EscalatePayloadSchema,
  'sync.tree': SyncTreePayloadSchema,
  'audit.list': AuditListPayloadSchema,
  'report.dryRun': ReportDryRunPayloadSchema,
  'report.generate': ReportGeneratePayloadSchema,
  'report.list': ReportListPayloadSchema,
  'report.get': ReportRefPayloadSchema,
  'report.markdown': ReportRefPayloadSchema,
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
  'report.dryRun': IntegrityDryRun;
  'report.generate': WeeklyReport;
  'report.list': ReportHistory;
  'report.get': WeeklyReport;
  'report.markdown': { markdown: string; fileName: string };
}

export type ResolverPayload<K extends ResolverKey> = z.input<(typeof RESOLVER_PAYLOADS)[K]>;
export type ParsedPayload<K extends ResolverKey> = z.output<(typeof RESOLVER_PAYLOADS)[K]>;
