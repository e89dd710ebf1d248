import { z } from 'zod';
import type { App } from '../app/create-app';
import { AccountIdSchema } from '../contract/ids';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { LifecycleEvent } from '../ops/installation-port';
import { siteOfContext } from './forge-context';

/**
 * The payload of avi:forge:installed:app and avi:forge:upgraded:app (Forge's life cycle events): the
 * installation's id, the app and its version, and who installed or upgraded it when Forge knows.
 */
const LifecyclePayloadSchema = z.looseObject({
  id: z.string().min(1).max(200),
  installerAccountId: AccountIdSchema.optional(),
  upgraderAccountId: AccountIdSchema.optional(),
  app: z.looseObject({ version: z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+/) }),
});

export interface LifecycleDeps {
  app: () => Promise<App>;
  log?: (line: string) => void;
  clock?: Clock;
}

/**
 * A trigger function for one lifecycle event: records the site's installation and the version it runs
 * (a release marker), idempotently (Forge may deliver an event twice). The first install seeds nothing.
 * A payload it cannot read is logged (no account id) and acknowledged: redelivery would not mend it.
 */
function lifecycleTrigger(kind: LifecycleEvent['kind'], deps: LifecycleDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (event: unknown, context: unknown): Promise<void> => {
    const payload = LifecyclePayloadSchema.safeParse(event);
    if (!payload.success) {
      log(`[hdc-lifecycle] ${kind}: a payload without an installation id or version was ignored`);
      return;
    }
    try {
      const app = await deps.app();
      const services = app.servicesFor({ site: siteOfContext(context) });
      const recorded = await services.installations.record({
        kind,
        installationId: payload.data.id,
        version: payload.data.app.version,
        accountId: (kind === 'installed' ? payload.data.installerAccountId : payload.data.upgraderAccountId) ?? null,
        at: (deps.clock ?? systemClock).now(),
      });
      log(
        `[hdc-lifecycle] ${kind} ${payload.data.app.version}: ${recorded.recorded ? 'recorded' : 'already recorded'}`,
      );
    } catch (error) {
      // Thrown again so that Forge retries the event: the record is idempotent.
      log(`[hdc-lifecycle] ${kind}: not recorded (${toAppError(error).code})`);
      throw error;
    }
  };
}

export const buildInstalledTrigger = (deps: LifecycleDeps) => lifecycleTrigger('installed', deps);
export const buildUpgradedTrigger = (deps: LifecycleDeps) => lifecycleTrigger('upgraded', deps);
