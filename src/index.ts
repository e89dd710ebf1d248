// Forge entry points only: each export is a handler named in manifest.yml.
import { buildCleanupJobConsumer } from './forge/cleanup-job-consumer';
import { forgeApp } from './forge/forge-app';
import { buildHealthWebtrigger } from './forge/health-webtrigger';
import { buildResolverDefinitions } from './forge/resolver-definitions';
import { buildOrphanScanTrigger, buildSamplerTrigger, buildWeeklyReportTrigger } from './forge/scheduled-handlers';

export const handler = buildResolverDefinitions({ app: forgeApp });

export const opsHealth = buildHealthWebtrigger({ app: forgeApp, secret: () => process.env.HDC_WEBTRIGGER_SECRET });

export const telemetrySampler = buildSamplerTrigger({ app: forgeApp });

export const weeklyReport = buildWeeklyReportTrigger({ app: forgeApp });

export const orphanScan = buildOrphanScanTrigger({ app: forgeApp, parentPageId: () => process.env.HDC_PARENT_PAGE_ID });

export const cleanupJobConsumer = buildCleanupJobConsumer({ app: forgeApp });
