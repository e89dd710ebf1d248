import { AppError } from '../shared/app-error';
import type { Deadline } from '../shared/deadline';
import { createRetryingFetch } from '../shared/retrying-fetch';
import type { FetchLike } from '../shared/retrying-fetch';

/** An outgoing chat message for one notification. */
export interface AlertWebhook {
  send(text: string): Promise<void>;
}

/**
 * Slack- and Teams-compatible incoming webhook: a JSON body with `text`, which both render. Only a
 * 429 is sent again (a chat message is not idempotent: an ambiguous failure is not retried). The URL
 * is a secret: no error names it.
 */
export function createAlertWebhook(url: string, deadline: Deadline, fetchImpl: FetchLike = fetch): AlertWebhook {
  const send = createRetryingFetch(fetchImpl, {
    deadline,
    retryAmbiguous: false,
    policy: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5_000, timeoutMs: 5_000 },
  });
  return {
    async send(text) {
      let status: number;
      try {
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        await response.body?.cancel().catch(() => undefined);
        status = response.status;
      } catch (error) {
        throw new AppError('transient', 'The alert webhook could not be reached', { retryable: true, cause: error });
      }
      if (status >= 300) {
        throw new AppError(
          status === 429 || status >= 500 ? 'transient' : 'unavailable',
          `The alert webhook answered ${status}`,
          {
            guidance: 'Check HDC_ALERT_WEBHOOK_URL (the Forge variable) against the chat tool’s webhook settings.',
            retryable: status === 429 || status >= 500,
          },
        );
      }
    },
  };
}
