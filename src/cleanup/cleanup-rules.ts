import type { DescendantPage, PageDetail } from '../confluence/confluence-port';
import type { BatchItem, ItemOutcome } from './cleanup-port';

/** Pure rules of the cleanup: what to do with each item given what Confluence and the database say now. */

export function inChunks<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

export type TrashDecision = { act: true; page: PageDetail } | { act: false; outcome: ItemOutcome };

const skip = (item: BatchItem, reason: string, state: ItemOutcome['state'] = 'skipped'): TrashDecision => ({
  act: false,
  outcome: { position: item.position, state, reason },
});

/**
 * Whether to trash an orphan page now, against Confluence as it is now. Never a page an event
 * references, a page whose version moved since planning, or a page that has a current or archived
 * child now (Confluence would move the child up to the parent; a child this execution trashed is
 * no longer listed). A page already in the trash at its planned version is counted as done: an
 * interrupted batch trashed it and could not record it.
 */
export function decideTrash(
  item: BatchItem,
  page: PageDetail | undefined,
  childrenNow: readonly DescendantPage[],
): TrashDecision {
  if ((item.referencedBy ?? []).length > 0)
    return skip(item, 'An event references this page now; it was left in place.');
  if (page === undefined) return skip(item, 'The page is gone from Confluence (or hidden from you); nothing to do.');
  if (page.status === 'trashed' && page.version === item.version) {
    return {
      act: false,
      outcome: {
        position: item.position,
        state: 'done',
        reason: 'Already in the trash (an interrupted attempt of this execution).',
        before: { status: 'current', version: item.version, parentId: item.parentId },
        after: { status: 'trashed' },
      },
    };
  }
  if (page.status !== 'current' && page.status !== 'archived')
    return skip(item, `The page is ${page.status} now; it was left as it is.`);
  if (page.version !== item.version)
    return skip(
      item,
      `The page changed since planning (version ${item.version ?? '?'} → ${page.version}); scan again to review it.`,
    );
  const [keptChild] = childrenNow;
  if (keptChild !== undefined)
    return skip(item, `It has a child page that stays ("${keptChild.title}"); trash the child first or leave both.`);
  return { act: true, page };
}

/** An item Confluence refused outright (403/404, or an answer HDC Ops cannot use): failed, with Confluence's reason. */
export const refusedByConfluence = (item: BatchItem, mode: 'execute' | 'restore', reason: string): ItemOutcome => ({
  position: item.position,
  state: mode === 'execute' ? 'failed' : 'restore_failed',
  reason,
});

/** Whether to relink an event to a page now: the target must still be a current page. */
export function decideRelink(item: BatchItem, target: PageDetail | undefined): ItemOutcome {
  if (item.action === 'relink' && (target === undefined || target.status !== 'current')) {
    return { position: item.position, state: 'skipped', reason: 'The page to relink to is no longer a current page.' };
  }
  return { position: item.position, state: 'apply', reason: null };
}

/** Whether to restore a page this execution trashed: only while it is still in the trash. */
export type RestoreDecision = { act: true; page: PageDetail } | { act: false; outcome: ItemOutcome };

export function decideRestore(item: BatchItem, page: PageDetail | undefined): RestoreDecision {
  if (page === undefined)
    return {
      act: false,
      outcome: {
        position: item.position,
        state: 'restore_failed',
        reason: 'The page was purged from the trash; it cannot be restored.',
      },
    };
  if (page.status === 'current')
    return {
      act: false,
      outcome: {
        position: item.position,
        state: 'restore_skipped',
        reason: 'The page is already current (restored by someone else).',
      },
    };
  if (page.status !== 'trashed')
    return {
      act: false,
      outcome: {
        position: item.position,
        state: 'restore_failed',
        reason: `The page is ${page.status}; only a trashed page can be restored.`,
      },
    };
  return { act: true, page };
}
