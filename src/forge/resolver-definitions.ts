import Resolver from '@forge/resolver';
import type { Envelope } from '../contract/envelope';
import { RESOLVER_PAYLOADS } from '../contract/resolver-keys';
import type { ResolverKey } from '../contract/resolver-keys';
import type { AppServices } from '../app/app-services';
import { toAppError } from '../shared/app-error';
import { readForgeContext } from './forge-context';
import { parsePayload } from './payload-parser';
import { RESOLVER_HANDLERS } from './resolver-handlers';

export interface ResolverDeps {
  services: () => Promise<AppServices>;
  defaultParentPageId?: string | undefined;
  logError?: (line: string) => void;
}

/**
 * Every resolver key through one wrapper: viewer from the context, payload through zod, the
 * handler, and errors translated to the envelope exactly once. Internal errors are logged by
 * code and name only; their text never reaches the user.
 */
export function buildResolverDefinitions(deps: ResolverDeps) {
  const logError = deps.logError ?? ((line: string) => console.error(line));
  const resolver = new Resolver();
  for (const key of Object.keys(RESOLVER_PAYLOADS) as ResolverKey[]) {
    resolver.define(key, async ({ payload, context }): Promise<Envelope<unknown>> => {
      try {
        const call = readForgeContext(context);
        const parsed = parsePayload(RESOLVER_PAYLOADS[key], payload);
        const handler = RESOLVER_HANDLERS[key] as (input: unknown) => Promise<unknown>;
        const data = await handler({
          payload: parsed,
          call,
          services: await deps.services(),
          defaultParentPageId: deps.defaultParentPageId,
        });
        return { ok: true, data };
      } catch (caught) {
        const error = toAppError(caught);
        if (error.code === 'internal' || error.code === 'unavailable') {
          const cause = error.cause instanceof Error ? error.cause.name : typeof error.cause;
          logError(`[hdc-error] ${JSON.stringify({ resolver: key, code: error.code, cause })}`);
        }
        return {
          ok: false,
          error: {
            code: error.code,
            message: error.message,
            ...(error.guidance === undefined ? {} : { guidance: error.guidance }),
            retryable: error.retryable,
          },
        };
      }
    });
  }
  return resolver.getDefinitions();
}
