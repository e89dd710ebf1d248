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

/** A Confluence-like page: top bar with the user and theme switches, the page tree, and the page's macros in iframes. */
export function renderHostPage(input: {
  pages: HostPage[];
  page: HostPage;
  accountId: string;
  colorMode: ColorMode;
  comments?: readonly HostComment[];
  notifications?: readonly HostNotification[];
  displayName?: (accountId: string) => string;
}): string {
  const { pages, page, accountId, colorMode } = input;
  const displayName = input.displayName ?? ((id: string) => id);
  const parent = pages.find((candidate) => candidate.id === page.parentId);
  const users = DEMO_USERS.map(
    (user) =>
      `<option value="${user.accountId}"${user.accountId === accountId ? ' selected' : ''}>${escapeHtml(user.label)}</option>`,
  ).join('');
  const macros = page.macros
    .map(
      (macro, index) => `
      <section class="macro" aria-label="${MACRO_TITLES[macro]}">
        <iframe title="${MACRO_TITLES[macro]}" data-macro="${macro}" data-page-id="${page.id}" data-local-id="${macro}-${index}"
          src="/macro/${macro}/index.html" sandbox="allow-scripts allow-forms allow-modals allow-downloads"></iframe>
      </section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en" data-color-mode="${colorMode}" data-theme="${DATA_THEME}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)} - Confluence (HDC Ops local host)</title>
  <link rel="stylesheet" href="/dev/tokens.css">
  <link rel="stylesheet" href="/dev/host.css">
</head>
<body>
  <header class="topbar">
    <strong>Confluence <span class="subtle">· HDC Ops local Forge host</span></strong>
    <form class="switches" method="post" action="/dev/preferences">
      <input type="hidden" name="return" value="${escapeHtml(pageUrl(page.id))}">
      <label>Signed in as <select name="user" id="user-switch">${users}</select></label>
      <label>Theme <select name="theme" id="theme-switch">
        <option value="light"${colorMode === 'light' ? ' selected' : ''}>Light</option>
        <option value="dark"${colorMode === 'dark' ? ' selected' : ''}>Dark</option>
      </select></label>
      <button type="submit">Apply</button>
    </form>
    <form class="switches" method="post" action="/dev/close-account" title="Atlassian closes the account; the next privacy report erases it from HDC Ops">
      <input type="hidden" name="return" value="${escapeHtml(pageUrl(page.id))}">
      <label>Close account <select name="account" id="close-account">${DEMO_USERS.map(
        (user) => `<option value="${user.accountId}">${escapeHtml(user.label)}</option>`,
      ).join('')}</select></label>
      <button type="submit" id="close-account-button">Close</button>
    </form>
    <form method="post" action="/dev/privacy-report">
      <input type="hidden" name="return" value="${escapeHtml(pageUrl(page.id))}">
      <button type="submit" id="privacy-report" title="Runs the daily privacy report now: every stored account reported, closed ones erased">Run the privacy report</button>
    </form>
    <form method="post" action="/dev/demo-incident">
      <button type="submit" id="demo-incident" title="Writes ten minutes of failing calls, then runs the five-minute alert evaluation and its delivery">Trigger a demo incident</button>
    </form>
    ${notificationsHtml(input.notifications ?? [], displayName)}
  </header>
  <div class="layout">
    <nav class="page-tree" aria-label="Page tree">${pageTreeHtml(pages, page)}</nav>
    <main class="content">
      <nav aria-label="Breadcrumb" class="subtle">${parent ? `<a href="${pageUrl(parent.id)}">${escapeHtml(parent.title)}</a> / ` : ''}${escapeHtml(page.title)}</nav>
      <h1>${escapeHtml(page.title)}</h1>
      ${bodyHtml(page, input.comments ?? [], displayName)}
      ${macros}
    </main>
  </div>
  <script src="/dev/host.js"></script>
</body>
</html>`;
}
