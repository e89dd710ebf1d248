import { createAppServices } from '../app/app-services';
import type { AppServices } from '../app/app-services';
import { isAppError } from '../shared/app-error';
import { loadConfig } from '../shared/config';
import type { AppConfig } from '../shared/config';
import { openStore } from '../store/open-store';
import type { OpenedStore } from '../store/open-store';
import type { SqlExecutor } from '../store/sql-executor';
import { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { verificationSettingsOf } from '../verification/thresholds-source';
import type { CliIo } from './cli-io';
import { ExitError } from './exit-error';

export interface CliSession {
  config: AppConfig;
  services: AppServices;
  opened: OpenedStore;
  /** Direct SQL, which migrate and seed need: a Postgres server or the embedded database. */
  requireSql(command: string): SqlExecutor;
}

/** Opens the configured store for one command, and always flushes telemetry and closes it. */
export async function withCliSession<T>(io: CliIo, work: (session: CliSession) => Promise<T>): Promise<T> {
  let config: AppConfig;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    throw new ExitError(2, isAppError(error) ? error.message : 'Invalid environment', isAppError(error) ? error.guidance : undefined);
  }
  let verification;
  try {
    verification = verificationSettingsOf(config);
  } catch (error) {
    throw new ExitError(2, isAppError(error) ? error.message : 'Invalid thresholds', isAppError(error) ? error.guidance : undefined);
  }
  const outbox = new TelemetryOutbox();
  const opened = await openStore(config.store, outbox);
  const services = createAppServices({ store: opened.store, outbox, log: (line) => io.err(line), verification });
  try {
    return await work({
      config,
      services,
      opened,
      requireSql(command) {
        if (opened.sql === undefined) {
          throw new ExitError(2, `${command} needs direct database access`, 'Set DATABASE_URL to the Postgres connection string (for Supabase: the project\'s database URL).');
        }
        return opened.sql;
      },
    });
  } finally {
    await opened.store.flushTelemetry().catch(() => undefined);
    await opened.close();
  }
}
