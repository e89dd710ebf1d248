import { DEMO_ACCOUNTS } from '../src/seed/demo-hdc';
import type { HostPage, MacroKey } from './page-tree';
import { escapeHtml, storageToHtml } from './storage-html';
import { DATA_THEME } from './theme-css';

export type ColorMode = 'light' | 'dark';

const MACRO_TITLES: Record<MacroKey, string> = {
  'sync-panel': 'HDC Ops: event sync panel',
  'decision-tree': 'HDC Ops: sync decision tree',
  registry: 'HDC Ops: event registry',
  'weekly-report': 'HDC Ops: weekly verification report',
  'orphan-cleanup': 'HDC Ops: orphan-page cleanup',
};

export const DEMO_USERS: { accountId: string; label: string }[] = [
  { accountId: DEMO_ACCOUNTS.primaryAdmin, label: 'Primary admin (demo-primary-admin)' },
  { accountId: DEMO_ACCOUNTS.coAdmin, label: 'Co-admin (demo-co-admin)' },
  { accountId: DEMO_ACCOUNTS.nonAdmin, label: 'Non-admin (demo-non-admin)' },
  { accountId: DEMO_ACCOUNTS.operator, label: 'HDC operator (demo-operator)' },
];

export const pageUrl = (pageId: string) => `/wiki/pages/viewpage.action?pageId=${encodeURIComponent(pageId)}`;

function pageTreeHtml(pages: HostPage[], current: HostPage): string {
  const item = (page: HostPage): string => {
    const children = pages.filter((candidate) => candidate.parentId === page.id);
    const link =
      page.id === current.id
        ? `<a href="${pageUrl(page.id)}" aria-current="page">${escapeHtml(page.title)}</a>`
        : `<a href="${pageUrl(page.id)}">${escapeHtml(page.title)}</a>`;
    return `<li>${link}${children.length > 0 ? `<ul>${children.map(item).join('')}</ul>` : ''}</li>`;
  };
  return `<ul>${pages
    .filter((page) => page.parentId === null)
    .map(item)
    .join('')}</ul>`;
}

/** A footer comment as the host shows it under a page. */
export interface HostComment {
  authorId: string;
  createdAt: string;
  body: string;
}

/** An entry of the signed-in person's notifications (someone mentioned them). */
export interface HostNotification {
  actorId: string;
  pageId: string;
  pageTitle: string;
  inComment: boolean;
  createdAt: string;
}

const shortTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const timeHtml = (iso: string) =>
  `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(iso)}">${escapeHtml(shortTime.format(new Date(iso)))}</time>`;

function notificationsHtml(notifications: readonly HostNotification[], displayName: (id: string) => string): string {
  const items = notifications
    .map(
      (n) =>
        `<li><a href="${pageUrl(n.pageId)}"><strong>${escapeHtml(displayName(n.actorId))}</strong> mentioned you${n.inComment ? ' in a comment' : ''} on ${escapeHtml(n.pageTitle)}</a> <span class="subtle">${timeHtml(n.createdAt)}</span></li>`,
    )
    .join('');
  const label = notifications.length === 1 ? '1 notification' : `${notifications.length} notifications`;
  return `<details class="notifications" id="notifications">
      <summary aria-label="Notifications: ${label}">Notifications <span class="count">${notifications.length}</span></summary>
      ${notifications.length === 0 ? '<p class="subtle">Nothing new: when someone @mentions you, it shows here.</p>' : `<ul>${items}</ul>`}
    </details>`;
}

function bodyHtml(page: HostPage, comments: readonly HostComment[], displayName: (id: string) => string): string {
  if (page.body === null) return '';
  const commentItems = comments
    .map(
      (comment) =>
        `<li class="comment"><p class="subtle"><strong>${escapeHtml(displayName(comment.authorId))}</strong> · ${timeHtml(comment.createdAt)}</p>${storageToHtml(comment.body, displayName)}</li>`,
    )
    .join('');
  return `<article class="page-body">${storageToHtml(page.body, displayName)}</article>
      <section class="comments" aria-label="Comments"><h2>${comments.length === 1 ? '1 comment' : `${comments.length} comments`}</h2>${comments.length === 0 ? '' : `<ul>${commentItems}</ul>`}</section>`;
}

/** The app's global page (confluence:globalPage `hdc-ops-console`), where Confluence's Apps menu opens it. */
export const CONSOLE_PATH = '/wiki/apps/hdc-ops';

/** What the byline item shows (the dynamic properties Confluence asks the app for once per page view). */
export interface HostByline {
  title: string;
  tooltip: string;
}

interface ChromeInput {
  title: string;
  accountId: string;
  colorMode: ColorMode;
  /** Where the top bar's forms come back to. */
  returnPath: string;
  notifications?: readonly HostNotification[];
  displayName: (accountId: string) => string;
  nav: string;
  main: string;
}

/** Confluence's frame around any content: the top bar (user, theme, demo switches, Apps), the side navigation. */
function renderChrome(input: ChromeInput): string {
  const { accountId, colorMode, returnPath } = input;
  const back = `<input type="hidden" name="return" value="${escapeHtml(returnPath)}">`;
  const users = DEMO_USERS.map(
    (user) =>
      `<option value="${user.accountId}"${user.accountId === accountId ? ' selected' : ''}>${escapeHtml(user.label)}</option>`,
  ).join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${colorMode}" data-theme="${DATA_THEME}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(input.title)} - Confluence (HDC Ops local host)</title>
  <link rel="stylesheet" href="/dev/tokens.css">
  <link rel="stylesheet" href="/dev/host.css">
</head>
<body>
  <header class="topbar">
    <strong>Confluence <span class="subtle">· HDC Ops local Forge host</span></strong>
    <nav aria-label="Apps" class="apps-menu"><span class="subtle">Apps</span> <a id="apps-hdc-ops" href="${CONSOLE_PATH}"${returnPath === CONSOLE_PATH ? ' aria-current="page"' : ''}>HDC Ops</a></nav>
    <form class="switches" method="post" action="/dev/preferences">
      ${back}
      <label>Signed in as <select name="user" id="user-switch">${users}</select></label>
      <label>Theme <select name="theme" id="theme-switch">
        <option value="light"${colorMode === 'light' ? ' selected' : ''}>Light</option>
        <option value="dark"${colorMode === 'dark' ? ' selected' : ''}>Dark</option>
      </select></label>
      <button type="submit">Apply</button>
    </form>
    <form class="switches" method="post" action="/dev/close-account" title="Atlassian closes the account; the next privacy report erases it from HDC Ops">
      ${back}
      <label>Close account <select name="account" id="close-account">${DEMO_USERS.map(
        (user) => `<option value="${user.accountId}">${escapeHtml(user.label)}</option>`,
      ).join('')}</select></label>
      <button type="submit" id="close-account-button">Close</button>
    </form>
    <form method="post" action="/dev/privacy-report">
      ${back}
      <button type="submit" id="privacy-report" title="Runs the daily privacy report now: every stored account reported, closed ones erased">Run the privacy report</button>
    </form>
    <form method="post" action="/dev/demo-incident">
      <button type="submit" id="demo-incident" title="Writes ten minutes of failing calls, then runs the five-minute alert evaluation and its delivery">Trigger a demo incident</button>
    </form>
    ${notificationsHtml(input.notifications ?? [], input.displayName)}
  </header>
  <div class="layout">
    ${input.nav}
    ${input.main}
  </div>
  <script src="/dev/host.js"></script>
</body>
</html>`;
}

/** A Custom UI resource in its sandboxed frame, as Confluence embeds one. */
function resourceFrame(resource: string, title: string, attributes: Record<string, string>): string {
  const data = Object.entries(attributes)
    .map(([key, value]) => ` data-${key}="${escapeHtml(value)}"`)
    .join('');
  return `<iframe title="${escapeHtml(title)}" data-macro="${resource}"${data}
          src="/macro/${resource}/index.html" sandbox="allow-scripts allow-forms allow-modals allow-downloads"></iframe>`;
}

/** The byline under a page's title: Confluence's metadata, then the app's item (a click opens its popup). */
function bylineHtml(page: HostPage, byline: HostByline | undefined): string {
  if (byline === undefined) return '';
  return `<div class="byline subtle" aria-label="Byline">
        <span>Local site page ${escapeHtml(page.id)}</span>
        <button type="button" class="byline-item" id="hdc-sync-byline" data-page-id="${escapeHtml(page.id)}"
          title="${escapeHtml(byline.tooltip)}" aria-haspopup="dialog" aria-expanded="false">${escapeHtml(byline.title)}</button>
      </div>`;
}

/** A Confluence-like page: top bar with the user and theme switches, the page tree, and the page's macros in iframes. */
export function renderHostPage(input: {
  pages: HostPage[];
  page: HostPage;
  accountId: string;
  colorMode: ColorMode;
  comments?: readonly HostComment[];
  notifications?: readonly HostNotification[];
  displayName?: (accountId: string) => string;
  byline?: HostByline;
}): string {
  const { pages, page } = input;
  const displayName = input.displayName ?? ((id: string) => id);
  const parent = pages.find((candidate) => candidate.id === page.parentId);
  const macros = page.macros
    .map(
      (macro, index) => `
      <section class="macro" aria-label="${MACRO_TITLES[macro]}">
        ${resourceFrame(macro, MACRO_TITLES[macro], { 'page-id': page.id, 'local-id': `${macro}-${index}` })}
      </section>`,
    )
    .join('');
  return renderChrome({
    title: page.title,
    accountId: input.accountId,
    colorMode: input.colorMode,
    returnPath: pageUrl(page.id),
    notifications: input.notifications,
    displayName,
    nav: `<nav class="page-tree" aria-label="Page tree">${pageTreeHtml(pages, page)}</nav>`,
    main: `<main class="content">
      <nav aria-label="Breadcrumb" class="subtle">${parent ? `<a href="${pageUrl(parent.id)}">${escapeHtml(parent.title)}</a> / ` : ''}${escapeHtml(page.title)}</nav>
      <h1>${escapeHtml(page.title)}</h1>
      ${bylineHtml(page, input.byline)}
      ${bodyHtml(page, input.comments ?? [], displayName)}
      ${macros}
    </main>`,
  });
}

/** The operators' console where Confluence shows an app's global page: the whole content area, no page tree. */
export function renderConsolePage(input: {
  accountId: string;
  colorMode: ColorMode;
  notifications?: readonly HostNotification[];
  displayName?: (accountId: string) => string;
}): string {
  return renderChrome({
    title: 'HDC Ops',
    accountId: input.accountId,
    colorMode: input.colorMode,
    returnPath: CONSOLE_PATH,
    notifications: input.notifications,
    displayName: input.displayName ?? ((id: string) => id),
    nav: `<nav class="page-tree" aria-label="Site"><ul><li><a href="/">Back to the site</a></li></ul></nav>`,
    main: `<main class="content global-page" aria-label="HDC Ops">
      ${resourceFrame('ops-console', "HDC Ops: operators' console", { 'module-type': 'confluence:globalPage', 'local-id': 'ops-console' })}
    </main>`,
  });
}
