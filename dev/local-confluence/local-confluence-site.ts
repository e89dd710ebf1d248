import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { mentionedAccounts } from '../../src/confluence/storage-format';

/**
 * The pages of the local Confluence site and who may do what with them: what the local host's
 * REST v2 endpoints (local-confluence-server.ts) answer from. Kept in a JSON file so that trashing
 * and restoring survive a restart, as they do in Confluence.
 */
const LocalPageSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['current', 'archived', 'trashed', 'deleted']),
  parentId: z.string().nullable(),
  position: z.number(),
  authorId: z.string(),
  createdAt: z.string(),
  version: z.number(),
  lastModified: z.string(),
  /** A view restriction: only these accounts see the page and everything under it. */
  viewers: z.array(z.string()).optional(),
  /** The HDC Ops macros in the page's body (the local host shows them). */
  macros: z.array(z.enum(['sync-panel', 'decision-tree', 'registry', 'weekly-report', 'orphan-cleanup'])).optional(),
  /** The body in storage format, for pages written through the API (the host renders it). */
  body: z.string().optional(),
});
export type LocalPage = z.infer<typeof LocalPageSchema>;
export type MacroKey = NonNullable<LocalPage['macros']>[number];

const LocalCommentSchema = z.object({
  id: z.string(),
  pageId: z.string(),
  body: z.string(),
  authorId: z.string(),
  createdAt: z.string(),
});
export type LocalComment = z.infer<typeof LocalCommentSchema>;

/** What Confluence shows in a person's notifications: someone mentioned them on a page (or in its comment). */
const LocalNotificationSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  actorId: z.string(),
  pageId: z.string(),
  pageTitle: z.string(),
  inComment: z.boolean(),
  createdAt: z.string(),
});
export type LocalNotification = z.infer<typeof LocalNotificationSchema>;

/** A change to a person's Atlassian account, as the personal data reporting API tells apps of it. */
const AccountChangeSchema = z.object({
  accountId: z.string(),
  status: z.enum(['closed', 'updated']),
  at: z.string(),
});
export type AccountChange = z.infer<typeof AccountChangeSchema>;

const StateSchema = z.object({
  pages: z.array(LocalPageSchema),
  comments: z.array(LocalCommentSchema).default([]),
  notifications: z.array(LocalNotificationSchema).default([]),
  accountChanges: z.array(AccountChangeSchema).default([]),
});

export type NewLocalPage = Omit<LocalPage, 'position' | 'createdAt' | 'version' | 'lastModified' | 'authorId'> &
  Partial<LocalPage>;

export const LOCAL_SPACE_ID = '98305';
/** The app's own identity (asApp): it sees what a user without restrictions sees. */
export const LOCAL_APP_ACCOUNT = 'hdc-ops-app';

export interface LocalConfluencePermissions {
  /** Accounts that may delete (and restore) pages in the space; everyone signed in may view. */
  deleters: ReadonlySet<string>;
}

export type SiteRefusal = 'not_found' | 'forbidden' | 'conflict' | 'bad_request';

export class LocalConfluenceSite {
  private readonly pages = new Map<string, LocalPage>();
  private readonly comments: LocalComment[] = [];
  private readonly notifications: LocalNotification[] = [];
  private readonly accountChanges = new Map<string, AccountChange>();

  constructor(
    pages: LocalPage[],
    readonly permissions: LocalConfluencePermissions,
    private readonly file?: string,
    state: { comments?: LocalComment[]; notifications?: LocalNotification[]; accountChanges?: AccountChange[] } = {},
  ) {
    for (const page of pages) this.pages.set(page.id, page);
    for (const change of state.accountChanges ?? []) this.accountChanges.set(change.accountId, change);
    this.comments.push(...(state.comments ?? []));
    this.notifications.push(...(state.notifications ?? []));
  }

  /** The site kept in `file`, or `seed()` written there the first time. */
  static open(file: string, permissions: LocalConfluencePermissions, seed: () => LocalPage[]): LocalConfluenceSite {
    mkdirSync(dirname(file), { recursive: true });
    const state = existsSync(file)
      ? StateSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
      : { pages: seed(), comments: [], notifications: [], accountChanges: [] };
    const site = new LocalConfluenceSite(state.pages, permissions, file, state);
    if (!existsSync(file)) site.save();
    return site;
  }

  /** Descendant listings by account, page and depth, until the next change (a large tree is listed in hundreds of requests). */
  private readonly listings = new Map<string, { page: LocalPage; depth: number }[]>();

  /**
   * A person's account changes, as Atlassian tells apps through the personal data reporting API: a
   * closed account is closed for good (it signs in no more); an updated one changed its profile.
   */
  changeAccount(accountId: string, status: AccountChange['status'], at: Date): void {
    if (this.accountChanges.get(accountId)?.status === 'closed') return;
    this.accountChanges.set(accountId, { accountId, status, at: at.toISOString() });
    this.save();
  }

  /** The latest change of an account, if any. */
  accountChange(accountId: string): AccountChange | undefined {
    return this.accountChanges.get(accountId);
  }

  private save(): void {
    this.listings.clear();
    this.childrenIndex = undefined;
    if (this.file === undefined) return;
    writeFileSync(
      `${this.file}.tmp`,
      JSON.stringify({
        pages: [...this.pages.values()],
        comments: this.comments,
        notifications: this.notifications,
        accountChanges: [...this.accountChanges.values()],
      }),
    );
    renameSync(`${this.file}.tmp`, this.file);
  }

  page(id: string): LocalPage | undefined {
    return this.pages.get(id);
  }

  all(): LocalPage[] {
    return [...this.pages.values()];
  }

  canView(account: string, page: LocalPage): boolean {
    for (
      let at: LocalPage | undefined = page;
      at !== undefined;
      at = at.parentId === null ? undefined : this.pages.get(at.parentId)
    ) {
      if (at.viewers !== undefined && !at.viewers.includes(account)) return false;
    }
    return true;
  }

  canDelete(account: string): boolean {
    return this.permissions.deleters.has(account);
  }

  /** Current and archived pages under `id` down to `maxDepth`, top to bottom; trashed pages are not listed, as in Confluence. */
  descendants(account: string, id: string, maxDepth: number): { page: LocalPage; depth: number }[] {
    const key = `${account}\u0000${id}\u0000${maxDepth}`;
    const listed = this.listings.get(key) ?? this.listDescendants(account, id, maxDepth);
    this.listings.set(key, listed);
    return listed;
  }

  /** Current and archived pages by parent, in their order: built once per change of the site. */
  private childrenIndex: Map<string, LocalPage[]> | undefined;

  private children(): Map<string, LocalPage[]> {
    if (this.childrenIndex !== undefined) return this.childrenIndex;
    const children = new Map<string, LocalPage[]>();
    for (const page of this.pages.values()) {
      if (page.parentId === null || (page.status !== 'current' && page.status !== 'archived')) continue;
      const siblings = children.get(page.parentId);
      if (siblings === undefined) children.set(page.parentId, [page]);
      else siblings.push(page);
    }
    for (const siblings of children.values())
      siblings.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
    this.childrenIndex = children;
    return children;
  }

  private listDescendants(account: string, id: string, maxDepth: number): { page: LocalPage; depth: number }[] {
    const children = this.children();
    const found: { page: LocalPage; depth: number }[] = [];
    let level = [id];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth += 1) {
      const next = level.flatMap((parent) => children.get(parent) ?? []).filter((page) => this.canView(account, page));
      found.push(...next.map((page) => ({ page, depth })));
      level = next.map((page) => page.id);
    }
    return found;
  }

  /** Moves a page to the trash; its children move up to its parent, as Confluence Cloud does. */
  trash(account: string, id: string): SiteRefusal | null {
    const page = this.pages.get(id);
    if (page === undefined || !this.canView(account, page) || (page.status !== 'current' && page.status !== 'archived'))
      return 'not_found';
    if (!this.canDelete(account)) return 'forbidden';
    for (const child of this.pages.values())
      if (child.parentId === id && child.status !== 'deleted') child.parentId = page.parentId;
    page.status = 'trashed';
    this.save();
    return null;
  }

  /**
   * An update: restores a trashed page (status current) or renames a current one, under `parentId`
   * when given (a current page); the version must be the next.
   */
  update(
    account: string,
    id: string,
    change: {
      status: string;
      title: string;
      version: number;
      parentId?: string | undefined;
      body?: string | undefined;
    },
  ): LocalPage | SiteRefusal {
    const page = this.pages.get(id);
    if (page === undefined || !this.canView(account, page) || page.status === 'deleted') return 'not_found';
    if (!this.canDelete(account)) return 'forbidden';
    if (change.version !== page.version + 1 || change.status !== 'current') return 'conflict';
    if (change.parentId !== undefined) {
      const parent = this.pages.get(change.parentId);
      if (parent === undefined || parent.status !== 'current' || !this.canView(account, parent)) return 'not_found';
      page.parentId = change.parentId;
    }
    if (change.title !== page.title && this.titleTaken(change.title)) return 'bad_request';
    const before = page.body === undefined ? [] : mentionedAccounts(page.body);
    page.status = 'current';
    page.title = change.title;
    page.version += 1;
    page.lastModified = new Date().toISOString();
    if (change.body !== undefined) {
      page.body = change.body;
      // As Confluence does: an edit notifies only the people it newly mentions.
      this.notify(
        account,
        page,
        mentionedAccounts(change.body).filter((id) => !before.includes(id)),
        false,
      );
    }
    this.save();
    return page;
  }

  private titleTaken(title: string): boolean {
    return [...this.pages.values()].some((page) => page.title === title && page.status !== 'deleted');
  }

  private notify(actorId: string, page: LocalPage, accounts: readonly string[], inComment: boolean): void {
    const createdAt = new Date().toISOString();
    for (const accountId of accounts) {
      if (accountId === actorId || !this.canView(accountId, page)) continue;
      this.notifications.push({
        id: String(this.notifications.length + 1),
        accountId,
        actorId,
        pageId: page.id,
        pageTitle: page.title,
        inComment,
        createdAt,
      });
    }
  }

  private nextId(): string {
    return String(Math.max(0, ...[...this.pages.keys(), ...this.comments.map((c) => c.id)].map(Number)) + 1);
  }

  /** A new page under a current page the account sees; the title must be new in the space, as in Confluence. */
  create(account: string, page: { parentId: string; title: string; body: string }): LocalPage | SiteRefusal {
    const parent = this.pages.get(page.parentId);
    if (parent === undefined || parent.status !== 'current' || !this.canView(account, parent)) return 'not_found';
    if (!this.canDelete(account)) return 'forbidden';
    if (this.titleTaken(page.title)) return 'bad_request';
    const now = new Date().toISOString();
    const made: LocalPage = {
      id: this.nextId(),
      title: page.title,
      status: 'current',
      parentId: page.parentId,
      position: this.pages.size,
      authorId: account,
      createdAt: now,
      version: 1,
      lastModified: now,
      body: page.body,
    };
    this.pages.set(made.id, made);
    this.notify(account, made, mentionedAccounts(page.body), false);
    this.save();
    return made;
  }

  /** A footer comment on a current page the account sees; everyone who may view the page may comment. */
  addComment(account: string, pageId: string, body: string): LocalComment | SiteRefusal {
    const page = this.pages.get(pageId);
    if (page === undefined || page.status !== 'current' || !this.canView(account, page)) return 'not_found';
    const comment = { id: this.nextId(), pageId, body, authorId: account, createdAt: new Date().toISOString() };
    this.comments.push(comment);
    this.notify(account, page, mentionedAccounts(body), true);
    this.save();
    return comment;
  }

  commentsOf(pageId: string): LocalComment[] {
    return this.comments.filter((comment) => comment.pageId === pageId);
  }

  /** A person's notifications, newest first. */
  notificationsOf(accountId: string): LocalNotification[] {
    return this.notifications.filter((notification) => notification.accountId === accountId).reverse();
  }

  /** Test and demo setup: a page as someone edits it in Confluence (a new version). */
  edit(id: string, change: Partial<Pick<LocalPage, 'title' | 'parentId' | 'status'>>): void {
    const page = this.pages.get(id);
    if (page === undefined) throw new Error(`No local page ${id}`);
    Object.assign(page, change);
    page.version += 1;
    page.lastModified = new Date().toISOString();
    this.save();
  }

  add(...pages: NewLocalPage[]): void {
    const now = new Date().toISOString();
    for (const page of pages) {
      this.pages.set(page.id, {
        position: this.pages.size,
        createdAt: now,
        version: 1,
        lastModified: now,
        authorId: 'demo-primary-admin',
        ...page,
      });
    }
    this.save();
  }
}
