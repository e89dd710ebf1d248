import { z } from 'zod';
import { AppError } from '../shared/app-error';
import type { AccountUpdate } from './privacy-port';

const AnswerSchema = z.object({
  accounts: z.array(z.object({ accountId: z.string(), status: z.enum(['closed', 'updated']) })),
});

/**
 * Atlassian's answer to one report request (POST /app/report-accounts): 200 with the accounts whose
 * state changed, 204 when none did. Anything else, once the retries are spent, is a typed error that
 * never echoes the request (it holds account ids).
 */
export async function accountUpdatesOf(response: Response): Promise<AccountUpdate[]> {
  if (response.status === 204) return [];
  if (response.status === 200) {
    const parsed = AnswerSchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) return parsed.data.accounts;
    throw new AppError('unavailable', 'Atlassian’s personal data report answered in an unexpected form', {
      guidance: 'The next run tries again; if it persists, check the app’s @forge/api version.',
      retryable: true,
    });
  }
  await response.body?.cancel().catch(() => undefined);
  const busy = response.status === 429 || response.status >= 500;
  throw new AppError(
    busy ? 'transient' : 'unavailable',
    `Atlassian’s personal data report answered HTTP ${response.status}`,
    {
      guidance: busy
        ? 'Atlassian is busy or unavailable; the next run goes on from the last recorded batch.'
        : 'Only the installed app may report accounts: run it as the Forge app (its daily trigger) or against the local host.',
      retryable: busy,
    },
  );
}
