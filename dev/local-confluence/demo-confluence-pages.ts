import {
  DEMO_ACCOUNTS,
  DEMO_EVENTS,
  DEMO_OPS_PAGE_ID,
  DEMO_OWNERS,
  DEMO_PARENT_PAGE_ID,
} from '../../src/seed/demo-hdc';
import type { MacroKey, NewLocalPage } from './local-confluence-site';
import { LOCAL_APP_ACCOUNT } from './local-confluence-site';

/** Pages for operators and ops readers live beside the HDC parent, not under it (where every page is an event's); alerts are published under it. */
export const OPS_HOME_PAGE_ID = DEMO_OPS_PAGE_ID;
/** A page that is not an event page: the decision tree shows the tree alone. */
const GUIDE_PAGE_ID = '1000190';
/** The ops readers' page with the weekly verification report. */
export const WEEKLY_REPORT_PAGE_ID = '1000191';
/** The operators' page with the orphan-page cleanup. */
export const ORPHAN_CLEANUP_PAGE_ID = '1000192';

/** The demo's orphans, one of each kind the cleanup finds (see docs/runbook.md). */
export const DEMO_ORPHANS = {
  /** A page nobody linked to an event. */
  unreferenced: '1000120',
  /** The page of an event that was deleted from HDC. */
  eventDeleted: '1000121',
  /** An orphan page with a child page under it. */
  withChild: '1000124',
  child: '1000125',
  /** Hack Week 2024's page, in the trash. */
  trashedEventPage: '1000122',
  /** The page the team recreated for Hack Week 2024: the relink target. */
  recreated: '1000127',
  /** Visible to the primary admin only: the operator's scan does not see it. */
  restricted: '1000126',
} as const;

/** Who may delete and restore pages in the demo space: admins, the operator and the app; the non-admin and hack owners may only view. */
export const DEMO_DELETERS: ReadonlySet<string> = new Set([
  DEMO_ACCOUNTS.primaryAdmin,
  DEMO_ACCOUNTS.coAdmin,
  DEMO_ACCOUNTS.operator,
  LOCAL_APP_ACCOUNT,
]);
export const DEMO_CONFLUENCE_ACCOUNTS: ReadonlySet<string> = new Set([
  ...Object.values(DEMO_ACCOUNTS),
  ...DEMO_OWNERS,
  LOCAL_APP_ACCOUNT,
]);

/** The demo people as Confluence names them (the user API's displayName). */
export const DEMO_DISPLAY_NAMES: ReadonlyMap<string, string> = new Map([
  [DEMO_ACCOUNTS.primaryAdmin, 'Priya Raman'],
  [DEMO_ACCOUNTS.coAdmin, 'Colin Ortega'],
  [DEMO_ACCOUNTS.nonAdmin, 'Nora Reyes'],
  [DEMO_ACCOUNTS.operator, 'Omar Haddad'],
  ['demo-owner-ada', 'Ada Lovelace'],
  ['demo-owner-grace', 'Grace Hopper'],
  ['demo-owner-linus', 'Linus Torvalds'],
  ['demo-owner-margaret', 'Margaret Hamilton'],
  [LOCAL_APP_ACCOUNT, 'HDC Ops (app)'],
]);

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/** The demo site's pages: the HDC parent with its event pages, the operators' pages, and the orphans. */
export function demoConfluencePages(parentPageId: string = DEMO_PARENT_PAGE_ID): NewLocalPage[] {
  const eventPages = new Map<string, string>();
  for (const event of DEMO_EVENTS)
    if (event.pageId !== null && !eventPages.has(event.pageId)) eventPages.set(event.pageId, event.name);
  const page = (
    id: string,
    title: string,
    parentId: string | null,
    extra: Partial<NewLocalPage> & { macros?: MacroKey[] } = {},
  ) => ({ id, title, status: 'current' as const, parentId, ...extra });
  return [
    page(parentPageId, 'HackDay Central', null, { macros: ['registry'] }),
    ...[...eventPages].map(([id, title]) =>
      page(id, title, parentPageId, {
        macros: ['sync-panel', 'decision-tree'],
        ...(id === DEMO_ORPHANS.trashedEventPage ? { status: 'trashed' as const, lastModified: daysAgo(30) } : {}),
      }),
    ),
    page(DEMO_ORPHANS.unreferenced, 'Spring Jam 2026 — abandoned draft', parentPageId, { lastModified: daysAgo(200) }),
    page(DEMO_ORPHANS.eventDeleted, 'Hack Night 2024', parentPageId, { lastModified: daysAgo(420) }),
    page(DEMO_ORPHANS.withChild, 'Retro notes 2025', parentPageId, { lastModified: daysAgo(90) }),
    page(DEMO_ORPHANS.child, 'Retro action items', DEMO_ORPHANS.withChild, { lastModified: daysAgo(88) }),
    page(DEMO_ORPHANS.recreated, 'Hack Week 2024 (recreated page)', parentPageId, { lastModified: daysAgo(29) }),
    page(DEMO_ORPHANS.restricted, 'Judges\u2019 private notes', parentPageId, {
      viewers: [DEMO_ACCOUNTS.primaryAdmin],
    }),
    page(OPS_HOME_PAGE_ID, 'HDC Operations', null),
    page(GUIDE_PAGE_ID, 'Sync decision guide', OPS_HOME_PAGE_ID, { macros: ['decision-tree'] }),
    page(WEEKLY_REPORT_PAGE_ID, 'Weekly verification', OPS_HOME_PAGE_ID, { macros: ['weekly-report'] }),
    page(ORPHAN_CLEANUP_PAGE_ID, 'Orphan-page cleanup', OPS_HOME_PAGE_ID, { macros: ['orphan-cleanup'] }),
  ];
}
