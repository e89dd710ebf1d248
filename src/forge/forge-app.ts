import type { AppSettings } from '../app/app-settings';
import { appSettingsOf } from '../app/app-settings';
import type { App } from '../app/create-app';
import { openApp } from '../app/open-app';
import { createForgeConfluenceAccess } from '../confluence/forge-confluence-adapter';
import { createForgeJobQueue } from './forge-job-queue';
import { createForgeAccountReporter } from '../privacy/forge-account-reporter';
import { AppError, isAppError } from '../shared/app-error';
import type { AppConfig } from '../shared/config';
import { loadConfig } from '../shared/config';
import { DEFAULT_THRESHOLDS } from '../verification/default-thresholds';
import { thresholdsFromText } from '../verification/thresholds';
import type { Thresholds } from '../verification/thresholds';

/** In Forge only Supabase is reachable (HTTP egress); anything else is a deployment mistake. */
function forgeConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return asConfigurationError(() => {
    const config = loadConfig(env);
    if (config.store.kind !== 'supabase') {
      throw new AppError('validation', 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are not set');
    }
    return config;
  });
}

/** A bad or missing Forge variable is the operator's to fix: `unavailable` for every caller. */
function asConfigurationError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new AppError('unavailable', 'HDC Ops is not configured on this site', {
      guidance: `An operator must set the Forge variables (${isAppError(error) ? error.message : 'see README'}).`,
      retryable: false,
      cause: error,
    });
  }
}

/**
 * Forge has no config/ folder and ships no YAML parser: thresholds other than the built-in ones
 * (config/thresholds.yml, generated at build) come as JSON in HDC_THRESHOLDS_JSON, or in
 * HDC_THRESHOLDS_YAML, its name before 0.3.0, still read when the new one is not set.
 */
export function forgeThresholds(source: AppConfig['thresholds']): Thresholds {
  if (source.json !== undefined) return thresholdsFromText(source.json, 'HDC_THRESHOLDS_JSON', JSON.parse);
  if (source.yaml !== undefined) return thresholdsFromText(source.yaml, 'HDC_THRESHOLDS_YAML', JSON.parse);
  return DEFAULT_THRESHOLDS;
}

function forgeSettings(config: AppConfig): AppSettings {
  return appSettingsOf(
    config,
    asConfigurationError(() => forgeThresholds(config.thresholds)),
  );
}

/**
 * The web trigger's shared secret, from the validated configuration; none (every request refused)
 * while the configuration cannot be read.
 */
export function forgeWebtriggerSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return loadConfig(env).webtriggerSecret;
  } catch {
    return undefined;
  }
}

let app: Promise<App> | undefined;

/** Built once per Forge container and reused by warm invocations (one telemetry outbox). */
export function forgeApp(): Promise<App> {
  app ??= (async () => {
    const config = forgeConfig();
    return (
      await openApp(config.store, {
        settings: forgeSettings(config),
        confluence: createForgeConfluenceAccess,
        jobQueue: createForgeJobQueue(),
        accountReporter: createForgeAccountReporter,
      })
    ).app;
  })().catch((error: unknown) => {
    app = undefined;
    throw error;
  });
  return app;
}
