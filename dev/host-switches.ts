import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEMO_OPS_PAGE_ID } from '../src/seed/demo-hdc';
import { DEMO_USERS, pageUrl } from './host-page';
import { HttpError, JSON_TYPE, readBody, safeReturn, send } from './host-http';
import type { LocalHostDeps } from './local-host';

/**
 * The top bar's demo switches (POST /dev/…): who is signed in and the theme, a demo incident, Atlassian
 * closing an account, the privacy report now, the local Confluence's 429 share. Whether it handled the request.
 */
export async function handleDemoSwitch(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  deps: LocalHostDeps,
  signedIn: string,
): Promise<boolean> {
  if (request.method === 'POST' && url.pathname === '/dev/demo-incident') {
    if (deps.demoIncident === undefined) throw new HttpError(404, 'This host has no demo incident');
    await deps.demoIncident();
    // Where the incident pages are: the operations page, beside the HDC parent.
    send(response, 303, 'text/plain', '', { location: pageUrl(DEMO_OPS_PAGE_ID) });
    return true;
  }
  if (request.method === 'POST' && url.pathname === '/dev/close-account') {
    // Atlassian closes a person's account: the next privacy report hears of it (POST /app/report-accounts).
    const form = new URLSearchParams(await readBody(request));
    const account = DEMO_USERS.find((candidate) => candidate.accountId === form.get('account'))?.accountId;
    if (account === undefined) throw new HttpError(400, 'Choose a demo account to close');
    deps.confluence.site.changeAccount(account, 'closed', deps.now?.() ?? new Date());
    send(response, 303, 'text/plain', '', { location: safeReturn(form.get('return')) });
    return true;
  }
  if (request.method === 'POST' && url.pathname === '/dev/privacy-report') {
    if (deps.privacyReport === undefined) throw new HttpError(404, 'This host runs no privacy report');
    await deps.privacyReport();
    const form = new URLSearchParams(await readBody(request));
    send(response, 303, 'text/plain', '', { location: safeReturn(form.get('return')) });
    return true;
  }
  if (request.method === 'POST' && url.pathname === '/dev/preferences') {
    const form = new URLSearchParams(await readBody(request));
    const user = DEMO_USERS.find((candidate) => candidate.accountId === form.get('user'))?.accountId ?? signedIn;
    const theme = form.get('theme') === 'dark' ? 'dark' : 'light';
    const back = form.get('return') ?? '/';
    response.setHeader('set-cookie', [
      `hdc_dev_user=${encodeURIComponent(user)}; Path=/; SameSite=Strict; HttpOnly`,
      `hdc_dev_theme=${theme}; Path=/; SameSite=Strict`,
    ]);
    send(response, 303, 'text/plain', '', { location: safeReturn(back) });
    return true;
  }
  if (request.method === 'POST' && url.pathname === '/dev/confluence-rate-limit') {
    // The local Confluence's 429 switch: this share of its calls answers 429 with Retry-After.
    const form = new URLSearchParams(await readBody(request));
    const share = Number(form.get('share'));
    if (!Number.isFinite(share) || share < 0 || share > 1) throw new HttpError(400, 'share must be between 0 and 1');
    deps.confluence.api.settings.rateLimitShare = share;
    send(response, 200, JSON_TYPE, JSON.stringify({ rateLimitShare: share }));
    return true;
  }
  return false;
}
