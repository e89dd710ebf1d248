import type { ConfluencePort } from './confluence-port';
import { AppError } from '../shared/app-error';

/** Pages HDC Ops writes under one page, found by title first so that a retried run never makes one twice. */
export interface PageWriter {
  /** Updates the page `knownId` or the child titled `title`, or makes it; `created` when made now. */
  write(title: string, storage: string, knownId: string | null): Promise<{ id: string; created: boolean }>;
  commentBodies(pageId: string): Promise<string[]>;
  comment(pageId: string, storage: string): Promise<string>;
}

/** A writer under `parentId`: one read of the parent and one of its children per run. */
export async function pageWriter(confluence: ConfluencePort, parentId: string): Promise<PageWriter> {
  const [parent] = await confluence.getPages([parentId]);
  if (parent?.status !== 'current' || parent.spaceId === null) {
    throw new AppError('not_found', `The configured page ${parentId} is not a current page the app can see`, {
      guidance:
        'Configure another page (hdc-ops alerts configure --ops-page <page id> [--report-page <page id>]) or restore this one.',
      retryable: false,
    });
  }
  const spaceId = parent.spaceId;
  const children = new Map((await confluence.listChildren(parentId)).map((page) => [page.title, page.id]));
  return {
    async write(title, storage, knownId) {
      const id = knownId ?? children.get(title);
      const [existing] = id === undefined ? [] : await confluence.getPages([id]);
      if (existing?.status === 'current') {
        await confluence.updatePage({ id: existing.id, version: existing.version, title, storage });
        return { id: existing.id, created: false };
      }
      const made = await confluence.createPage({ spaceId, parentId }, { title, storage });
      children.set(title, made.id);
      return { id: made.id, created: true };
    },
    commentBodies: (pageId) => confluence.footerCommentBodies(pageId),
    comment: (pageId, storage) => confluence.addFooterComment(pageId, storage),
  };
}
