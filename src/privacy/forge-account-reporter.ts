import { privacy } from '@forge/api';
import type { APIResponse } from '@forge/api';
import { standardResponse } from '../confluence/forge-confluence-adapter';
import type { Deadline } from '../shared/deadline';
import { createRetryingFetch } from '../shared/retrying-fetch';
import type { AccountReporter, ReportedAccount } from './privacy-port';
import { accountUpdatesOf } from './report-answer';

const isApiResponse = (value: unknown): value is APIResponse =>
  typeof value === 'object' && value !== null && 'status' in value && 'headers' in value && 'text' in value;

/**
 * The report in Forge: @forge/api's privacy.reportPersonalData, one request of at most 90 accounts a
 * call, as the app. It rejects with the response on anything but 200/204; as a standard response that
 * goes through the same bounded retries as every external call (429/5xx, Retry-After, the deadline).
 * Reporting the same accounts again is harmless, so an ambiguous failure is retried.
 */
export function createForgeAccountReporter(deadline: Deadline): AccountReporter {
  const send = createRetryingFetch<readonly ReportedAccount[]>(
    async (accounts) => {
      try {
        return Response.json({ accounts: await privacy.reportPersonalData([...accounts]) });
      } catch (rejected) {
        if (isApiResponse(rejected)) return standardResponse(rejected);
        throw rejected;
      }
    },
    { deadline },
  );
  return { report: async (accounts) => accountUpdatesOf(await send(accounts)) };
}
