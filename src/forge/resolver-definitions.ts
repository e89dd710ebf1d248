import Resolver from '@forge/resolver';
import type { App } from '../app/create-app';
import type { Envelope, ErrorBody } from '../contract/envelope';
import { RESOLVER_EFFECTS, RESOLVER_PAYLOADS, isResolverKey } from '../contract/resolver-keys';
import type { ResolverKey } from '../contract/resolver-keys';
import { AppError, toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Deadline } from '../shared/deadline';
import { deadlineAfter, whenDeadlinePasses } from '../shared/deadline';
import type { SyncAttemptAction } from '../contract/results';
import type { TelemetryMetric } from '../telemetry/telemetry-event';
import { readResolverCall } from './forge-context';
import { parsePayload } from './payload-parser';
import { RESOLVER_HANDLERS } from './resolver-handlers';

/** Forge stops a resolver at 25 s; HDC Ops answers within 20 s of the start, whatever the database does. */
export const RESOLVER_DEADLINE_MS = 20_000;
/**
 * The share of it the services may spend: their calls stop a little earlier than the wrapper's
 * own timer, so their error (which knows what was sent) is the one the user gets.
 */
const SERVICES_SHARE = 0.9;

/** Keys measured by telemetry: a payload refused before the database still leaves its log line. */
const MEASURED: Partial<Record<ResolverKey, { metric: TelemetryMetric; action?: SyncAttemptAction }>> = {
  'registry.list': { metric: 'registry_lookup' },
  'sync.complete': { metric: 'sync_execution', action: 'complete' },
  'sync.retry': { metric: 'sync_execution', action: 'retry' },
};

export interface ResolverDeps {
  app: () => Promise<App>;
  logError?: (line: string) => void;
  deadlineMs?: number;
  clock?: Clock;
}

const toErrorBody = (error: AppError): ErrorBody => ({
  code: error.code,
  message: error.message,
  ...(error.guidance === undefined ? {} : { guidance: error.guidance }),
  retryable: error.retryable,
});

function outOfTime(key: ResolverKey): AppError {
  const writes = RESOLVER_EFFECTS[key] === 'write';
  return new AppError(
    'transient',
    writes
      ? 'HDC Ops could not finish in time: the change may or may not have been made.'
      : 'HDC Ops could not finish in time; nothing was changed.',
    {
      guidance: writes
        ? 'Try again: the same action is safe to repeat with its idempotency key, and gives the first result if the change was made.'
        : 'Wait a moment and try again. If it keeps happening, tell the HDC operators.',
      retryable: true,
    },
  );
}

/**
 * Every resolver key through one wrapper: the site from the installation and the viewer from the
 * principal (never from the payload), the payload through zod, the handler under the invocation's
 * deadline, and errors translated to the envelope exactly once. Internal errors are logged by code
 * and name only; their text never reaches the user.
 */
export function buildResolverDefinitions(deps: ResolverDeps) {
  const logError = deps.logError ?? ((line: string) => console.error(line));
  const clock = deps.clock ?? systemClock;

  async function answer(key: ResolverKey, payload: unknown, context: unknown, deadline: Deadline): Promise<unknown> {
    const call = readResolverCall(context);
    const app = await deps.app();
    const services = app.servicesFor({ site: call.site, deadline, readOnly: RESOLVER_EFFECTS[key] === 'read' });
    let parsed: unknown;
    try {
      parsed = parsePayload(RESOLVER_PAYLOADS[key], payload);
    } catch (error) {
      const measured = MEASURED[key];
      if (measured)
        services.refusedBeforeDatabase(measured.metric, {
          errorCode: 'validation',
          ...(measured.action ? { action: measured.action } : {}),
        });
      throw error;
    }
    const handler = RESOLVER_HANDLERS[key] as (input: unknown) => Promise<unknown>;
    return handler({ payload: parsed, call, services, defaultParentPageId: app.settings.parentPageId });
  }

  const resolver = new Resolver();
  for (const key of Object.keys(RESOLVER_PAYLOADS) as ResolverKey[]) {
    resolver.define(key, async ({ payload, context }): Promise<Envelope<unknown>> => {
      const deadlineMs = deps.deadlineMs ?? RESOLVER_DEADLINE_MS;
      const timer = whenDeadlinePasses(deadlineAfter(deadlineMs, clock));
      try {
        const data = await Promise.race([
          answer(key, payload, context, deadlineAfter(deadlineMs * SERVICES_SHARE, clock)),
          timer.passed.then(() => Promise.reject(outOfTime(key))),
        ]);
        return { ok: true, data };
      } catch (caught) {
        const error = toAppError(caught);
        if (error.code === 'internal' || error.code === 'unavailable') {
          const cause = error.cause instanceof Error ? error.cause.name : typeof error.cause;
          logError(`[hdc-error] ${JSON.stringify({ resolver: key, code: error.code, cause })}`);
        }
        return { ok: false, error: toErrorBody(error) };
      } finally {
        timer.cancel();
      }
    });
  }
  const definitions = resolver.getDefinitions();
  // @forge/resolver looks keys up on a plain object, so `constructor` or `toString` would reach the
  // prototype: only our own keys are dispatched, anything else is refused here.
  return async (
    request: Parameters<typeof definitions>[0],
    context: Parameters<typeof definitions>[1],
  ): Promise<unknown> => {
    const key = (request as { call?: { functionKey?: unknown } }).call?.functionKey;
    if (!isResolverKey(key)) {
      const refusal: Envelope<never> = {
        ok: false,
        error: {
          code: 'not_found',
          message: 'No such resolver key',
          guidance: 'Call one of the keys in docs/resolver-api.md.',
          retryable: false,
        },
      };
      return refusal;
    }
    return definitions(request, context);
  };
}
