import type { AppSettings } from '../app/app-settings';
import { appSettingsOf } from '../app/app-settings';
import type { App } from '../app/create-app';
import { openApp } from '../app/open-app';
import { createForgeConfluenceAccess } from '../confluence/forge-confluence-adapter';
import { createForgeJobQueue } from './forge-job-queue';
import { AppError, isAppError } from '../shared/app-error';
import type { AppConfig } from '../shared/config';
import { loadConfig } from '../shared/config';
import { DEFAULT_THRESHOLDS } from '../verification/default-thresholds';
import { thresholdsFromText } from '../verification/thresholds';

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
 * Forge has no config/ folder and does not ship a YAML parser: HDC_THRESHOLDS_YAML is read in its
 * JSON form (JSON is YAML), else the built-in defaults apply.
 */
function forgeSettings(config: AppConfig): AppSettings {
  const text = config.thresholds.yaml;
  const thresholds =
    text === undefined
      ? DEFAULT_THRESHOLDS
      : asConfigurationError(() => thresholdsFromText(text, 'HDC_THRESHOLDS_YAML', JSON.parse));
  return appSettingsOf(config, thresholds);
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
      })
    ).app;
  })().catch((error: unknown) => {
    app = undefined;
    throw error;
  });
  return app;
}
