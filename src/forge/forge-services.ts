import { createAppServices } from '../app/app-services';
import type { AppServices } from '../app/app-services';
import { AppError, isAppError } from '../shared/app-error';
import { loadConfig } from '../shared/config';
import type { AppConfig } from '../shared/config';
import { openStore } from '../store/open-store';
import type { Store } from '../store/store';
import { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { verificationSettingsOf } from '../verification/thresholds-source';

let services: Promise<AppServices> | undefined;

/** In Forge only Supabase is reachable (HTTP egress); anything else is a deployment mistake. */
export function forgeConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    const config = loadConfig(env);
    if (config.store.kind !== 'supabase') {
      throw new AppError('validation', 'SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are not set');
    }
    return config;
  } catch (error) {
    throw new AppError('unavailable', 'HDC Ops is not configured on this site', {
      guidance: `An operator must set the Forge variables (${isAppError(error) ? error.message : 'see README'}).`,
      retryable: false,
      cause: error,
    });
  }
}

/** Built once per Forge container and reused by warm invocations, with its telemetry outbox. */
export function forgeServices(): Promise<AppServices> {
  services ??= (async () => {
    const outbox = new TelemetryOutbox();
    const config = forgeConfig();
    const { store } = await openStore(config.store, outbox);
    return createAppServices({ store, outbox, verification: verificationSettingsOf(config) });
  })().catch((error: unknown) => {
    services = undefined;
    throw error;
  });
  return services;
}

export async function forgeStore(): Promise<Store> {
  return (await forgeServices()).store;
}
