// Forge entry points only: each export is a handler named in manifest.yml.
import { buildHealthWebtrigger } from './forge/health-webtrigger';
import { buildResolverDefinitions } from './forge/resolver-definitions';
import { buildSamplerTrigger, buildWeeklyReportTrigger } from './forge/scheduled-handlers';
import { forgeServices, forgeStore } from './forge/forge-services';

export const handler = buildResolverDefinitions({
  services: forgeServices,
  defaultParentPageId: process.env.HDC_PARENT_PAGE_ID,
});

export const opsHealth = buildHealthWebtrigger({
  store: forgeStore,
  secret: () => process.env.HDC_WEBTRIGGER_SECRET,
});

export const telemetrySampler = buildSamplerTrigger({ services: forgeServices });

export const weeklyReport = buildWeeklyReportTrigger({ services: forgeServices });
