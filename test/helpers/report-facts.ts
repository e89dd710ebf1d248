import type { IntegritySummary, MetricWindow } from '../../src/contract/verification';

/** A week's telemetry of one metric and source, healthy unless told otherwise. */
export const metricWindow = (overrides: Partial<MetricWindow> = {}): MetricWindow => ({
  metric: 'registry_lookup',
  source: 'organic',
  count: 100,
  errors: 0,
  p50Ms: 20,
  p95Ms: 50,
  rateLimited: 0,
  worstWideErrorRate: 0,
  worstNarrowErrorRate: 0,
  worstWideRateLimited: 0,
  samples: [],
  ...overrides,
});

/** The integrity dry-run's summary of three sound events, unless told otherwise. */
export const integritySummary = (overrides: Partial<IntegritySummary> = {}): IntegritySummary => ({
  events: 3,
  missingPageIds: 0,
  missingParentPageIds: 0,
  noPrimaryAdmin: 0,
  noSyncState: 0,
  noSubmittedHacks: 0,
  totalSubmittedHacks: 9,
  totalHacks: 9,
  totalAuditRows: 3,
  ...overrides,
});
