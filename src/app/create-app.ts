import { createCleanupService } from '../cleanup/cleanup-service';
import type { CleanupService } from '../cleanup/cleanup-service';
import { createCleanupJobsService } from '../cleanup/cleanup-jobs';
import type { CleanupJobsService } from '../cleanup/cleanup-jobs';
import type { JobQueue } from '../cleanup/job-queue';
import type { ConfluenceAccess } from '../confluence/confluence-port';
import { createOpsStatusService } from '../ops/ops-status-service';
import type { OpsStatusService } from '../ops/ops-status-service';
import type { RecoveryService } from '../ops/recovery-service';
import { createOperatorService } from '../ops/operator-service';
import type { OperatorService } from '../ops/operator-service';
import { createRegistryService } from '../registry/registry-service';
import type { RegistryService } from '../registry/registry-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import { NO_DEADLINE } from '../shared/deadline';
import type { SiteId } from '../shared/site';
import { AppError } from '../shared/app-error';
import type { OperationsStore } from '../ops/operations-port';
import { createCleanupJobStore } from '../store/cleanup-job-store';
import { createCleanupStore } from '../store/cleanup-store';
import { createHealthStore } from '../store/health-store';
import { createOperationsStore } from '../store/operations-store';
import { createAlertStore } from '../store/alert-store';
import { createAlertService } from '../alerts/alert-service';
import type { AlertService } from '../alerts/alert-service';
import { createAlertDelivery } from '../alerts/alert-delivery';
import { createAlertWebhook } from '../alerts/alert-webhook';
import type { AlertDelivery } from '../alerts/alert-delivery';
import { createAlertDeliveryStore } from '../store/alert-delivery-store';
import { createReportPublicationStore } from '../store/report-publication-store';
import { createReportPublication } from '../verification/report-publication';
import type { ReportPublication } from '../verification/report-publication';
import { createOperatorStore } from '../store/operator-store';
import { createRegistryStore } from '../store/registry-store';
import type { RpcClient } from '../store/rpc-client';
import { createSiteRpc } from '../store/site-rpc';
import { createSyncStore } from '../store/sync-store';
import { createVerificationStore } from '../store/verification-store';
import { createSyncService } from '../sync/sync-service';
import type { SyncService } from '../sync/sync-service';
import type { TelemetryAttributes, TelemetryMetric, TelemetrySource } from '../telemetry/telemetry-event';
import { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { createTelemetryRecorder } from '../telemetry/telemetry-recorder';
import { runTelemetrySampler } from '../verification/telemetry-sampler';
import type { SamplerRun } from '../verification/telemetry-sampler';
import { createVerificationService } from '../verification/verification-service';
import type { VerificationService } from '../verification/verification-service';
import { createPrivacyService } from '../privacy/privacy-service';
import type { PrivacyService } from '../privacy/privacy-service';
import type { AccountReporter } from '../privacy/privacy-port';
import { createPrivacyStore } from '../store/privacy-store';
import { createInstallationStore } from '../store/installation-store';
import type { InstallationStore } from '../ops/installation-port';
import type { AppSettings } from './app-settings';

/** One invocation's reach: the site it acts for, and the time it may spend. */
interface InvocationScope {
  site: SiteId;
  /** Every store call and retry spends only what is left; none for the CLI and local work. */
  deadline?: Deadline;
  /** A read: any store call that would write is refused as a bug (the resolver key's declared effect). */
  readOnly?: boolean;
}

/** What the edges (Forge handlers, CLI, local host, bench) call; nothing else reaches a store. */
export interface AppServices {
  registry: RegistryService;
  sync: SyncService;
  verification: VerificationService;
  operators: OperatorService;
  /** Orphan-page cleanup: scan, plan, execute and restore (Confluence as the user; scheduled scans as the app). */
  cleanup: CleanupService;
  /** The cleanup's long work as background jobs on the queue: start, status, cancel, and the consumer's step. */
  cleanupJobs: CleanupJobsService;
  /** One scheduled sampling run (probes, thresholds, pruning); see verification/telemetry-sampler.ts. */
  sampleTelemetry(): Promise<SamplerRun>;
  /** The site's operating status: readiness and the ops summary (src/ops/ops-status-service.ts). */
  opsStatus: OpsStatusService;
  /** Alerts: the five-minute evaluation, and operators' list, acknowledge and resolve (src/alerts/alert-service.ts). */
  alerts: AlertService;
  /** Alerts into Confluence (incident pages, the standing page), as the app, after each evaluation. */
  alertDelivery: AlertDelivery;
  /** The newest weekly report as a Confluence page (as the app), after the weekly run and until it is published. */
  reportPublication: ReportPublication;
  /** Backup, restore, rollback and drill results of the site (src/ops/recovery-service.ts). */
  recovery: RecoveryService;
  /** Personal data: the privacy report (as the app) and an operator's erasure (src/privacy/privacy-service.ts). */
  privacy: PrivacyService;
  /** The site's installation and the versions it ran, from the app's lifecycle events. */
  installations: InstallationStore;
  /** A measured call refused before it reached the database (a bad payload): its log line only. */
  refusedBeforeDatabase(metric: TelemetryMetric, attributes: TelemetryAttributes): void;
  /** Persists this site's queued telemetry now, off the user's path (CLI exit, host shutdown). */
  flushTelemetry(): Promise<number>;
}

export interface App {
  readonly settings: AppSettings;
  /** Services for one invocation: one site, one deadline. Cheap: build them per call. */
  servicesFor(scope: InvocationScope): AppServices;
}

export interface AppDeps {
  rpc: RpcClient;
  settings: AppSettings;
  clock?: Clock;
  log?: (line: string) => void;
  /** Telemetry waiting for the next call of its site; one per process (a Forge container). */
  outbox?: TelemetryOutbox;
  /** Confluence for one invocation (Forge: requestConfluence; CLI: an API token; local host: its own Confluence). */
  confluence?: (deadline: Deadline) => ConfluenceAccess;
  /** Forge's async events queue for background jobs (Forge: @forge/events; local host and tests: emulated). */
  jobQueue?: JobQueue;
  /** Atlassian's personal data reporting API (Forge: privacy.reportPersonalData; local host and CLI: HTTP). */
  accountReporter?: (deadline: Deadline) => AccountReporter;
  /**
   * Backups, restores, erasures and drills (src/ops/recovery-service.ts), which read and write files:
   * the CLI and the tests pass `createRecoveryService`; Forge does not, so its bundle never holds them.
   */
  recovery?: (deps: { store: OperationsStore; site: SiteId }) => RecoveryService;
}

/** Where recovery was not composed (Forge): a clear refusal, never a missing function. */
const recoveryElsewhere = (): Promise<never> =>
  Promise.reject(
    new AppError('unavailable', 'Backups, restores and drills run from the operations kit, not in Forge', {
      guidance: 'Run hdc-ops backup, restore or drill from a terminal (runbook: Operations kit).',
      retryable: false,
    }),
  );
const NO_RECOVERY: RecoveryService = {
  backup: recoveryElsewhere,
  planRestore: recoveryElsewhere,
  restore: recoveryElsewhere,
  rollback: recoveryElsewhere,
  recordDrill: recoveryElsewhere,
  erase: recoveryElsewhere,
};

/**
 * The one composition root: transport → site-bound store ports → services. Forge, the CLI, the
 * local host, the bench and the tests all build their services here.
 */
export function createApp(deps: AppDeps): App {
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? ((line: string) => console.log(line));
  const outbox = deps.outbox ?? new TelemetryOutbox();
  const settings = deps.settings;
  return {
    settings,
    servicesFor({ site, deadline = NO_DEADLINE, readOnly = false }) {
      const rpc = createSiteRpc(deps.rpc, outbox, { site, deadline, readOnly });
      const recorder = (source: TelemetrySource) => createTelemetryRecorder({ outbox, site, clock, log, source });
      const telemetry = recorder('organic');
      const probeTelemetry = recorder('probe');
      const registryStore = createRegistryStore(rpc);
      const verificationStore = createVerificationStore(rpc);
      const operatorStore = createOperatorStore(rpc);
      const healthStore = createHealthStore(rpc);
      const operationsStore = createOperationsStore(rpc);
      const appConfluence = deps.confluence?.(deadline).asApp() ?? null;
      const cleanup = createCleanupService({
        store: createCleanupStore(rpc),
        confluence: deps.confluence?.(deadline),
        parentPageId: settings.parentPageId,
        deadline,
        clock,
      });
      const operators = createOperatorService(operatorStore);
      return {
        registry: createRegistryService({ store: registryStore, telemetry, clock }),
        sync: createSyncService({ store: createSyncStore(rpc), telemetry, clock }),
        verification: createVerificationService({
          ...settings,
          store: verificationStore,
          operators: operatorStore,
          clock,
          log,
        }),
        operators,
        cleanup,
        cleanupJobs: createCleanupJobsService({
          jobs: createCleanupJobStore(rpc),
          cleanup,
          queue: deps.jobQueue,
          parentPageId: settings.parentPageId,
          deadline,
        }),
        sampleTelemetry: () =>
          runTelemetrySampler({
            ...settings,
            store: verificationStore,
            clock,
            probeRegistry: createRegistryService({ store: registryStore, telemetry: probeTelemetry, clock }),
            probeTelemetry,
            log,
          }),
        recovery: deps.recovery?.({ store: operationsStore, site }) ?? NO_RECOVERY,
        installations: createInstallationStore(rpc),
        privacy: createPrivacyService({
          store: createPrivacyStore(rpc),
          reporter: deps.accountReporter?.(deadline) ?? null,
          clock,
          deadline,
        }),
        opsStatus: createOpsStatusService({
          store: operationsStore,
          health: healthStore,
          confluence:
            appConfluence && settings.parentPageId ? { port: appConfluence, pageId: settings.parentPageId } : null,
          thresholds: settings.thresholds,
          clock,
        }),
        alerts: createAlertService({ store: createAlertStore(rpc), thresholds: settings.thresholds, clock }),
        alertDelivery: createAlertDelivery({
          store: createAlertDeliveryStore(rpc),
          confluence: appConfluence,
          thresholds: settings.thresholds,
          clock,
          requireOperator: (accountId) => operators.requireOperator(accountId),
          webhook:
            settings.alertWebhookUrl === undefined ? undefined : createAlertWebhook(settings.alertWebhookUrl, deadline),
        }),
        reportPublication: createReportPublication({
          store: createReportPublicationStore(rpc),
          confluence: appConfluence,
          clock,
        }),
        refusedBeforeDatabase: (metric, attributes) => telemetry.refused(metric, attributes),
        flushTelemetry: () => rpc.flushTelemetry(),
      };
    },
  };
}
