import type { LocalConfluenceSite, MacroKey } from './local-confluence/local-confluence-site';

export type { MacroKey } from './local-confluence/local-confluence-site';
export { ORPHAN_CLEANUP_PAGE_ID, WEEKLY_REPORT_PAGE_ID } from './local-confluence/demo-confluence-pages';

/** A Confluence page of the simulated site, with the HDC Ops macros placed on it. */
export interface HostPage {
  id: string;
  title: string;
  parentId: string | null;
  macros: MacroKey[];
  /** The body in storage format, for pages written through the API (alerts, reports). */
  body: string | null;
}

/**
 * The page tree the local host shows to one account: the local Confluence's current pages that
 * account may view (trashed and restricted pages are not shown, as in Confluence).
 */
export function hostPagesOf(site: LocalConfluenceSite, accountId: string): HostPage[] {
  return site
    .all()
    .filter((page) => page.status === 'current' && site.canView(accountId, page))
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))
    .map((page) => ({
      id: page.id,
      title: page.title,
      parentId: page.parentId,
      macros: page.macros ?? [],
      body: page.body ?? null,
    }));
}
