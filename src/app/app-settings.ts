import type { AppConfig } from '../shared/config';
import type { Thresholds } from '../verification/thresholds';

/** What the services need from the configuration, read once. */
export interface AppSettings {
  readonly thresholds: Thresholds;
  readonly canonicalEventQuery: string;
  readonly environment: string;
  /** The HDC parent page: default for registry lookups, and the sampler's registry probe. */
  readonly parentPageId: string | undefined;
  /** A Slack- or Teams-compatible incoming webhook for incident notifications (a secret); none by default. */
  readonly alertWebhookUrl?: string | undefined;
}

export function appSettingsOf(config: AppConfig, thresholds: Thresholds): AppSettings {
  return {
    thresholds,
    canonicalEventQuery: config.canonicalEventQuery,
    environment: config.environment,
    parentPageId: config.parentPageId,
    alertWebhookUrl: config.alertWebhookUrl,
  };
}
