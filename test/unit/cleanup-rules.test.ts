import type { BatchItem } from '../../src/cleanup/cleanup-port';
import {
  decideRelink,
  decideRestore,
  decideTrash,
  inChunks,
  refusedByConfluence,
} from '../../src/cleanup/cleanup-rules';
import type { DescendantPage, PageDetail } from '../../src/confluence/confluence-port';

// What the cleanup does with each item, given what Confluence and the database say at execution.
const item = (overrides: Partial<BatchItem> = {}): BatchItem => ({
  position: 3,
  action: 'trash',
  pageId: '100',
  eventId: null,
  toPageId: null,
  title: 'Stray page',
  version: 4,
  parentId: '1',
  referencedBy: [],
  ...overrides,
});
const page = (overrides: Partial<PageDetail> = {}): PageDetail => ({
  id: '100',
  title: 'Stray page',
  status: 'current',
  parentId: '1',
  version: 4,
  lastModified: null,
  spaceId: null,
  ...overrides,
});
const child: DescendantPage = {
  id: '101',
  title: 'Kept child',
  status: 'current',
  parentId: '100',
  depth: 1,
  lastModified: null,
};

describe('decideTrash', () => {
  test.each<[string, BatchItem, PageDetail | undefined, DescendantPage[], string]>([
    ['an event references it now', item({ referencedBy: ['e1'] }), page(), [], 'An event references this page now'],
    ['it is gone from Confluence', item(), undefined, [], 'The page is gone from Confluence'],
    ['it is deleted now', item(), page({ status: 'deleted' }), [], 'The page is deleted now'],
    ['it changed since planning', item(), page({ version: 5 }), [], 'changed since planning (version 4 → 5)'],
    ['a child stays under it', item(), page(), [child], 'It has a child page that stays ("Kept child")'],
    ['its version is unknown and it moved', item({ version: null }), page(), [], 'version ? → 4'],
  ])('keeps the page when %s', (_why, batchItem, detail, children, reason) => {
    const decision = decideTrash(batchItem, detail, children);
    expect(decision).toEqual({
      act: false,
      outcome: { position: 3, state: 'skipped', reason: expect.stringContaining(reason) },
    });
  });

  test('a reference wins over everything Confluence says', () => {
    expect(decideTrash(item({ referencedBy: ['e1'] }), page({ status: 'trashed' }), [])).toMatchObject({
      act: false,
      outcome: { state: 'skipped' },
    });
  });

  test('a page already in the trash at its planned version is done (an interrupted attempt), with before and after', () => {
    expect(decideTrash(item(), page({ status: 'trashed' }), [])).toEqual({
      act: false,
      outcome: {
        position: 3,
        state: 'done',
        reason: expect.stringContaining('Already in the trash'),
        before: { status: 'current', version: 4, parentId: '1' },
        after: { status: 'trashed' },
      },
    });
  });

  test('a page trashed at another version was changed by someone: skipped', () => {
    expect(decideTrash(item(), page({ status: 'trashed', version: 6 }), [])).toMatchObject({
      act: false,
      outcome: { state: 'skipped', reason: 'The page is trashed now; it was left as it is.' },
    });
  });

  test.each(['current', 'archived'] as const)('an unchanged %s page with no child is trashed', (status) => {
    const detail = page({ status });
    expect(decideTrash(item(), detail, [])).toEqual({ act: true, page: detail });
  });
});

test.each<[string, PageDetail | undefined, { state: string; reason: string | null }]>([
  ['a current target is applied', page(), { state: 'apply', reason: null }],
  [
    'a gone target is skipped',
    undefined,
    { state: 'skipped', reason: 'The page to relink to is no longer a current page.' },
  ],
  ['a trashed target is skipped', page({ status: 'trashed' }), { state: 'skipped', reason: expect.any(String) }],
])('decideRelink: %s', (_name, target, expected) => {
  expect(decideRelink(item({ action: 'relink', eventId: 'e1', toPageId: '100' }), target)).toEqual({
    position: 3,
    ...expected,
  });
});

test('decideRelink applies a clear without a target', () => {
  expect(decideRelink(item({ action: 'clear', eventId: 'e1', pageId: null }), undefined)).toEqual({
    position: 3,
    state: 'apply',
    reason: null,
  });
});

test.each<[string, PageDetail | undefined, string, string]>([
  ['purged from the trash', undefined, 'restore_failed', 'purged from the trash'],
  ['already current', page({ status: 'current' }), 'restore_skipped', 'already current'],
  ['archived', page({ status: 'archived' }), 'restore_failed', 'The page is archived'],
])('decideRestore: a page %s is not restored', (_name, detail, state, reason) => {
  expect(decideRestore(item(), detail)).toEqual({
    act: false,
    outcome: { position: 3, state, reason: expect.stringContaining(reason) },
  });
});

test('decideRestore restores a page still in the trash', () => {
  const trashed = page({ status: 'trashed' });
  expect(decideRestore(item(), trashed)).toEqual({ act: true, page: trashed });
});

test('a refusal by Confluence fails the item in its mode, with Confluence’s reason', () => {
  expect(refusedByConfluence(item(), 'execute', '403: no permission')).toEqual({
    position: 3,
    state: 'failed',
    reason: '403: no permission',
  });
  expect(refusedByConfluence(item(), 'restore', '404').state).toBe('restore_failed');
});

test.each([
  [[], 3, []],
  [[1, 2, 3], 3, [[1, 2, 3]]],
  [[1, 2, 3, 4, 5, 6, 7], 3, [[1, 2, 3], [4, 5, 6], [7]]],
])('inChunks(%j, %i)', (values, size, chunks) => {
  expect(inChunks(values, size)).toEqual(chunks);
});
