import { DEMO_ACCOUNTS } from '../src/seed/demo-hdc';
import type { HostPage, MacroKey } from './page-tree';
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

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

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

/** A Confluence-like page: top bar with the user and theme switches, the page tree, and the page's macros in iframes. */
export function renderHostPage(input: {
  pages: HostPage[];
  page: HostPage;
  accountId: string;
  colorMode: ColorMode;
}): string {
  const { pages, page, accountId, colorMode } = input;
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
  </header>
  <div class="layout">
    <nav class="page-tree" aria-label="Page tree">${pageTreeHtml(pages, page)}</nav>
    <main class="content">
      <nav aria-label="Breadcrumb" class="subtle">${parent ? `<a href="${pageUrl(parent.id)}">${escapeHtml(parent.title)}</a> / ` : ''}${escapeHtml(page.title)}</nav>
      <h1>${escapeHtml(page.title)}</h1>
      ${macros}
    </main>
  </div>
  <script src="/dev/host.js"></script>
</body>
</html>`;
}
