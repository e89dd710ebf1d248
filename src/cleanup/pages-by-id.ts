import type { ConfluencePort, PageDetail } from '../confluence/confluence-port';
import { CONFLUENCE_PAGE_LIMIT } from '../confluence/confluence-port';
import { inChunks } from './cleanup-rules';

/** Pages by id, 250 a request; pages gone or hidden from the caller are absent. */
export async function pagesById(port: ConfluencePort, ids: Iterable<string>): Promise<Map<string, PageDetail>> {
  const found = new Map<string, PageDetail>();
  for (const chunk of inChunks([...new Set(ids)], CONFLUENCE_PAGE_LIMIT)) {
    for (const page of await port.getPages(chunk)) found.set(page.id, page);
  }
  return found;
}
