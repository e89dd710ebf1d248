import type { App } from '../app/create-app';
import { HEALTH_CONTENT_TYPE } from '../contract/operations';
import { secretMatches } from '../ops/health-check';
import { httpStatusOf, liveness, unservedReadiness } from '../ops/health-rules';
import { toAppError } from '../shared/app-error';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';
import { RESOLVER_DEADLINE_MS } from './resolver-definitions';

interface WebtriggerRequest {
  headers?: Record<string, string[] | undefined>;
  queryParameters?: Record<string, string[] | undefined>;
}

interface WebtriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

const SECRET_HEADER = 'x-hdc-webtrigger-secret';

export interface HealthWebtriggerDeps {
  app: () => Promise<App>;
  secret: () => string | undefined;
  /** When this process started (liveness reports its uptime). */
  startedAt?: Date;
}

function reply(statusCode: number, body: unknown, contentType = HEALTH_CONTENT_TYPE): WebtriggerResponse {
  return {
    statusCode,
    headers: { 'Content-Type': [contentType], 'Cache-Control': ['no-store'] },
    body: JSON.stringify(body),
  };
}

/** HTTP header names are case-insensitive; Forge passes them as the caller wrote them. */
function headerValue(request: WebtriggerRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1]?.[0];
}

/**
 * `ops-health` web trigger, behind HDC_WEBTRIGGER_SECRET, answering application/health+json:
 * readiness by default (503 only when an essential dependency fails; warn stays 200), liveness
 * with `?probe=liveness` (touches no dependency).
 */
export function buildHealthWebtrigger(deps: HealthWebtriggerDeps) {
  const startedAt = deps.startedAt ?? new Date();
  return async (request: WebtriggerRequest, context: unknown): Promise<WebtriggerResponse> => {
    if (!secretMatches(headerValue(request, SECRET_HEADER), deps.secret())) {
      return reply(401, { status: 'fail', output: `Send the ${SECRET_HEADER} header.` });
    }
    if (request.queryParameters?.['probe']?.[0] === 'liveness') {
      return reply(200, liveness(new Date(), startedAt));
    }
    try {
      const services = (await deps.app()).servicesFor({
        site: siteOfContext(context),
        deadline: deadlineAfter(RESOLVER_DEADLINE_MS),
      });
      const health = await services.opsStatus.readiness();
      return reply(httpStatusOf(health), health);
    } catch (error) {
      const appError = toAppError(error);
      return reply(
        503,
        unservedReadiness(
          new Date(),
          appError.code,
          `${appError.message}${appError.guidance ? ` ${appError.guidance}` : ''}`,
        ),
      );
    }
  };
}
