// Forge entry points only: each export is a handler named in manifest.yml.
import { buildCleanupJobConsumer } from './forge/cleanup-job-consumer';
import { forgeApp, forgeWebtriggerSecret } from './forge/forge-app';
import { buildHealthWebtrigger } from './forge/health-webtrigger';
import { buildInstalledTrigger, buildUpgradedTrigger } from './forge/lifecycle-triggers';
import { buildResolverDefinitions } from './forge/resolver-definitions';
import { buildSyncBylineProperties } from './forge/sync-byline-properties';
import {
  buildAlertEvaluatorTrigger,
  buildOrphanScanTrigger,
  buildPrivacyReportTrigger,
  buildSamplerTrigger,
  buildWeeklyReportTrigger,
} from './forge/scheduled-handlers';

export const handler = buildResolverDefinitions({ app: forgeApp });

export const opsHealth = buildHealthWebtrigger({ app: forgeApp, secret: forgeWebtriggerSecret });

export const telemetrySampler = buildSamplerTrigger({ app: forgeApp });

export const weeklyReport = buildWeeklyReportTrigger({ app: forgeApp });

export const orphanScan = buildOrphanScanTrigger({ app: forgeApp });

export const alertEvaluator = buildAlertEvaluatorTrigger({ app: forgeApp });

export const privacyReport = buildPrivacyReportTrigger({ app: forgeApp });

export const appInstalled = buildInstalledTrigger({ app: forgeApp });

export const appUpgraded = buildUpgradedTrigger({ app: forgeApp });

export const cleanupJobConsumer = buildCleanupJobConsumer({ app: forgeApp });

export const syncBylineProperties = buildSyncBylineProperties({ app: forgeApp });
