import {
  AlertAckPayloadSchema,
  AlertConfigurePayloadSchema,
  AlertListPayloadSchema,
  AlertResolvePayloadSchema,
} from './alerts';
import type { AlertView, DeliverySettings } from './alerts';
import { OpsConsolePayloadSchema, PrivacyStatusPayloadSchema } from './console';
import type { OpsConsole } from './console';
import type { PrivacyStatus } from './privacy';
import type { z } from 'zod';
import type { CleanupJob, CleanupPlan, CleanupProgress, CleanupScan } from './cleanup';
import {
  JobsCancelPayloadSchema,
  JobsStartPayloadSchema,
  JobsStatusPayloadSchema,
  CleanupPlanPayloadSchema,
  CleanupRestorePayloadSchema,
  CleanupRunPayloadSchema,
  CleanupScanPayloadSchema,
  CleanupLatestScanPayloadSchema,
  CleanupStatusPayloadSchema,
} from './cleanup';
import {
  AuditListPayloadSchema,
  EscalatePayloadSchema,
  RegistryListPayloadSchema,
  ReportDryRunPayloadSchema,
  ReportGeneratePayloadSchema,
  ReportListPayloadSchema,
  ReportRefPayloadSchema,
  SyncActionPayloadSchema,
  SyncCompletePayloadSchema,
  SyncStatusPayloadSchema,
  SyncTreePayloadSchema,
} from './payloads';
import type { AuditEntry, EventStatusView, EventSyncView, RegistryPage, SyncResult, SyncTreeReply } from './results';
import type { OpsSummary } from './operations';
import { OpsSummaryPayloadSchema } from './operations';
import type { IntegrityDryRun } from './verification';
import type { ReportHistory, WeeklyReport } from './weekly-report';

/** The resolver keys (the public interface of the backend) with their payload schema and reply type. */
export const RESOLVER_PAYLOADS = {
  'registry.list': RegistryListPayloadSchema,
  'sync.status': SyncStatusPayloadSchema,
  'sync.complete': SyncCompletePayloadSchema,
  'sync.retry': SyncActionPayloadSchema,
  'sync.escalate': EscalatePayloadSchema,
  'sync.tree': SyncTreePayloadSchema,
  'audit.list': AuditListPayloadSchema,
  'report.integrityDryRun': ReportDryRunPayloadSchema,
  'report.dryRun': ReportDryRunPayloadSchema,
  'report.generate': ReportGeneratePayloadSchema,
  'report.list': ReportListPayloadSchema,
  'report.get': ReportRefPayloadSchema,
  'report.markdown': ReportRefPayloadSchema,
  'cleanup.scan': CleanupScanPayloadSchema,
  'cleanup.latestScan': CleanupLatestScanPayloadSchema,
  'cleanup.plan': CleanupPlanPayloadSchema,
  'cleanup.execute': CleanupRunPayloadSchema,
  'cleanup.plans': CleanupStatusPayloadSchema,
  'cleanup.status': CleanupStatusPayloadSchema,
  'cleanup.restore': CleanupRestorePayloadSchema,
  'ops.summary': OpsSummaryPayloadSchema,
  'jobs.start': JobsStartPayloadSchema,
  'jobs.status': JobsStatusPayloadSchema,
  'jobs.cancel': JobsCancelPayloadSchema,
  'alerts.list': AlertListPayloadSchema,
  'alerts.ack': AlertAckPayloadSchema,
  'alerts.resolve': AlertResolvePayloadSchema,
  'alerts.configure': AlertConfigurePayloadSchema,
  'ops.console': OpsConsolePayloadSchema,
  'privacy.status': PrivacyStatusPayloadSchema,
} as const;

export type ResolverKey = keyof typeof RESOLVER_PAYLOADS;

/**
 * What each key does to stored data, declared once: `write` keys may change it (a cut-short answer
 * cannot say that nothing changed); `read` keys never call the database with a writing call (the
 * resolver enforces it). A read that is audited or keeps progress (ops.summary, cleanup.scan) is a write.
 */
export const RESOLVER_EFFECTS: Readonly<Record<ResolverKey, 'read' | 'write'>> = {
  'registry.list': 'read',
  'sync.status': 'read',
  'sync.complete': 'write',
  'sync.retry': 'write',
  'sync.escalate': 'write',
  'sync.tree': 'read',
  'audit.list': 'read',
  'report.integrityDryRun': 'read',
  'report.dryRun': 'read',
  'report.generate': 'write',
  'report.list': 'read',
  'report.get': 'read',
  'report.markdown': 'read',
  'cleanup.scan': 'write',
  'cleanup.latestScan': 'read',
  'cleanup.plan': 'write',
  'cleanup.execute': 'write',
  'cleanup.plans': 'read',
  'cleanup.status': 'read',
  'cleanup.restore': 'write',
  'ops.summary': 'write',
  'jobs.start': 'write',
  'jobs.status': 'read',
  'jobs.cancel': 'write',
  'alerts.list': 'read',
  'alerts.ack': 'write',
  'alerts.resolve': 'write',
  'alerts.configure': 'write',
  'ops.console': 'read',
  'privacy.status': 'read',
};

/** Whether `key` is one of ours: an own property, never a name the prototype lends (constructor, toString). */
export const isResolverKey = (key: unknown): key is ResolverKey =>
  typeof key === 'string' && Object.hasOwn(RESOLVER_PAYLOADS, key);

export interface ResolverReplies {
  'registry.list': RegistryPage;
  'sync.status': EventStatusView;
  'sync.complete': SyncResult;
  'sync.retry': SyncResult;
  'sync.escalate': EventSyncView;
  'sync.tree': SyncTreeReply;
  'audit.list': AuditEntry[];
  /** The integrity dry-run of the events whose names start with the query. */
  'report.integrityDryRun': IntegrityDryRun;
  /** Deprecated in 0.3.0: `report.integrityDryRun`, answered until 0.4.0. */
  'report.dryRun': IntegrityDryRun;
  'report.generate': WeeklyReport;
  'report.list': ReportHistory;
  'report.get': WeeklyReport;
  'report.markdown': { markdown: string; fileName: string };
  /** One step of a scan; with the deprecated `latest`, the latest complete scan (or null) without scanning. */
  'cleanup.scan': CleanupProgress<CleanupScan | null>;
  /** The latest complete scan of the site, or null (operators): a read, no scan step. */
  'cleanup.latestScan': CleanupScan | null;
  'cleanup.plan': CleanupPlan;
  'cleanup.execute': CleanupProgress<CleanupPlan>;
  /** One plan (by id) or the latest plans, newest first: the plan history. */
  'cleanup.plans': CleanupPlan[];
  /** Deprecated in 0.3.0: `cleanup.plans`, answered until 0.4.0. */
  'cleanup.status': CleanupPlan[];
  'cleanup.restore': CleanupProgress<CleanupPlan>;
  /** HDC operators only; every read is audited (ops_summary_read). */
  'ops.summary': OpsSummary;
  /** A cleanup scan, execution or restore in the background (the same work if it is running already). */
  'jobs.start': CleanupJob;
  /** One job, or the site's latest jobs newest first (operators). */
  'jobs.status': CleanupJob[];
  'jobs.cancel': CleanupJob;
  /** HDC operators only: the open alerts (with includeResolved the latest resolved too), with their SLAs. */
  'alerts.list': AlertView[];
  /** HDC operators only; acknowledging twice changes nothing (changed: false). Audited. */
  'alerts.ack': AlertView & { changed: boolean };
  /** HDC operators only; a resolved alert is read-only. Audited. */
  'alerts.resolve': AlertView & { changed: boolean };
  /** HDC operators only: where alerts and weekly reports go, each page checked in Confluence first. Audited. */
  'alerts.configure': DeliverySettings;
  /** HDC operators only: the operators' console's own read (operators, delivery, backups, drills, privacy). */
  'ops.console': OpsConsole;
  /** HDC operators only: the personal data report's last pass, one in progress, the last failure. */
  'privacy.status': PrivacyStatus;
}

export type ResolverPayload<K extends ResolverKey> = z.input<(typeof RESOLVER_PAYLOADS)[K]>;
export type ParsedPayload<K extends ResolverKey> = z.output<(typeof RESOLVER_PAYLOADS)[K]>;
