import type { Deadline } from '../shared/deadline';
import type { FetchLike } from '../shared/retrying-fetch';
import { createRetryingFetch } from '../shared/retrying-fetch';
import type { AccountReporter } from './privacy-port';
import { accountUpdatesOf } from './report-answer';

export interface HttpAccountReporterOptions {
  /**
   * The site's base URL: the local host answers /app/report-accounts as Atlassian does for apps. A
   * function when it is known only later (the local host's port, once it listens).
   */
  baseUrl: string | (() => string);
  /** Basic credentials of the app (the local host's app account). */
  email: string;
  apiToken: string;
  deadline: Deadline;
  fetch?: FetchLike;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The report over HTTP (the local host and the CLI against it), with the same retries as in Forge.
 * Atlassian's own endpoint answers apps only: from the CLI against a real site it refuses, and the
 * report says to run it as the app.
 */
export function createHttpAccountReporter(options: HttpAccountReporterOptions): AccountReporter {
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString('base64')}`;
  const send = createRetryingFetch(options.fetch ?? globalThis.fetch, {
    deadline: options.deadline,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return {
    async report(accounts) {
      const base = typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl();
      const response = await send(`${new URL(base).origin}/app/report-accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization },
        body: JSON.stringify({ accounts }),
      });
      return accountUpdatesOf(response);
    },
  };
}
