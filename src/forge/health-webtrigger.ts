import type { App } from '../app/create-app';
import { secretMatches } from '../ops/health-check';
import { toAppError } from '../shared/app-error';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';
import { RESOLVER_DEADLINE_MS } from './resolver-definitions';

interface WebtriggerRequest {
  headers?: Record<string, string[] | undefined>;
}

interface WebtriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

export const SECRET_HEADER = 'x-hdc-webtrigger-secret';

export interface HealthWebtriggerDeps {
  app: () => Promise<App>;
  secret: () => string | undefined;
}

function reply(statusCode: number, body: unknown): WebtriggerResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

/** HTTP header names are case-insensitive; Forge passes them as the caller wrote them. */
function headerValue(request: WebtriggerRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return entry?.[1]?.[0];
}

/** `ops-health` web trigger: readiness of the installation's database, behind HDC_WEBTRIGGER_SECRET. */
export function buildHealthWebtrigger(deps: HealthWebtriggerDeps) {
  return async (request: WebtriggerRequest, context: unknown): Promise<WebtriggerResponse> => {
    if (!secretMatches(headerValue(request, SECRET_HEADER), deps.secret())) {
      return reply(401, { status: 'unauthorized', guidance: `Send the ${SECRET_HEADER} header.` });
    }
    try {
      const services = (await deps.app()).servicesFor({ site: siteOfContext(context), deadline: deadlineAfter(RESOLVER_DEADLINE_MS) });
      const health = await services.readiness();
      return reply(health.status === 'ready' ? 200 : 503, health);
    } catch (error) {
      return reply(503, { status: 'not_ready', database: 'unreachable', errorCode: toAppError(error).code });
    }
  };
}
