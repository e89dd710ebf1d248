import { DEMO_PARENT_PAGE_ID } from '../src/seed/demo-hdc';
import type { SiteId } from '../src/shared/site';
import type { SqlExecutor } from '../src/store/sql-executor';

export type MacroKey = 'sync-panel' | 'decision-tree' | 'registry' | 'weekly-report';

/** A Confluence page of the simulated site, with the HDC Ops macros placed on it. */
export interface HostPage {
  id: string;
  title: string;
  parentId: string | null;
  macros: MacroKey[];
}

/** A page under the HDC parent that is not an event page: the decision tree shows the tree alone. */
export const GUIDE_PAGE_ID = '1000190';
/** The ops readers' page with the weekly verification report. */
export const WEEKLY_REPORT_PAGE_ID = '1000191';

/**
 * The page tree the local host shows, built from the events in the database the way Confluence
 * holds it: the HDC parent page, its event pages, and one guide page that is no event's page.
 */
export async function loadPageTree(sql: Pick<SqlExecutor, 'query'>, site: SiteId, parentPageId: string = DEMO_PARENT_PAGE_ID): Promise<HostPage[]> {
  const events = await sql.query<{ name: string; page_id: string }>(
    `select name, confluence_page_id as page_id from event
     where site_id = $1 and confluence_parent_page_id = $2 and confluence_page_id is not null
     order by lower(name) collate "C", id`,
    [site, parentPageId],
  );
  return [
    { id: parentPageId, title: 'HackDay Central', parentId: null, macros: ['registry'] },
    ...events.map((event) => ({
      id: event.page_id,
      title: event.name,
      parentId: parentPageId,
      macros: ['sync-panel', 'decision-tree'] as MacroKey[],
    })),
    { id: GUIDE_PAGE_ID, title: 'Sync decision guide', parentId: parentPageId, macros: ['decision-tree'] },
    { id: WEEKLY_REPORT_PAGE_ID, title: 'Weekly verification', parentId: parentPageId, macros: ['weekly-report'] },
  ];
}
