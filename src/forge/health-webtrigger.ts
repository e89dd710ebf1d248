import { checkReadiness, secretMatches } from '../ops/health-check';
import type { Store } from '../store/store';

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
  store: () => Promise<Store>;
  secret: () => string | undefined;
}

function reply(statusCode: number, body: unknown): WebtriggerResponse {
  return { statusCode, headers: { 'Content-Type': ['application/json'] }, body: JSON.stringify(body) };
}

/** `ops-health` web trigger: readiness for probes and alerting, behind HDC_WEBTRIGGER_SECRET. */
export function buildHealthWebtrigger(deps: HealthWebtriggerDeps) {
  return async (request: WebtriggerRequest): Promise<WebtriggerResponse> => {
    const presented = request.headers?.[SECRET_HEADER]?.[0];
    if (!secretMatches(presented, deps.secret())) {
      return reply(401, { status: 'unauthorized', guidance: `Send the ${SECRET_HEADER} header.` });
    }
    try {
      const health = await checkReadiness(await deps.store());
      return reply(health.status === 'ready' ? 200 : 503, health);
    } catch {
      return reply(503, { status: 'not_ready', database: 'unreachable', errorCode: 'unavailable' });
    }
  };
}
