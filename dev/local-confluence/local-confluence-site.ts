import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

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
});
export type LocalPage = z.infer<typeof LocalPageSchema>;
export type MacroKey = NonNullable<LocalPage['macros']>[number];

const StateSchema = z.object({ pages: z.array(LocalPageSchema) });

export type NewLocalPage = Omit<LocalPage, 'position' | 'createdAt' | 'version' | 'lastModified' | 'authorId'> &
  Partial<LocalPage>;

export const LOCAL_SPACE_ID = '98305';
/** The app's own identity (asApp): it sees what a user without restrictions sees. */
export const LOCAL_APP_ACCOUNT = 'hdc-ops-app';

export interface LocalConfluencePermissions {
  /** Accounts that may delete (and restore) pages in the space; everyone signed in may view. */
  deleters: ReadonlySet<string>;
}

export type SiteRefusal = 'not_found' | 'forbidden' | 'conflict';

export class LocalConfluenceSite {
  private readonly pages = new Map<string, LocalPage>();

  constructor(
    pages: LocalPage[],
    readonly permissions: LocalConfluencePermissions,
    private readonly file?: string,
  ) {
    for (const page of pages) this.pages.set(page.id, page);
  }

  /** The site kept in `file`, or `seed()` written there the first time. */
  static open(file: string, permissions: LocalConfluencePermissions, seed: () => LocalPage[]): LocalConfluenceSite {
    mkdirSync(dirname(file), { recursive: true });
    const pages = existsSync(file) ? StateSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).pages : seed();
    const site = new LocalConfluenceSite(pages, permissions, file);
    if (!existsSync(file)) site.save();
    return site;
  }

  /** Descendant listings by account, page and depth, until the next change (a large tree is listed in hundreds of requests). */
  private readonly listings = new Map<string, { page: LocalPage; depth: number }[]>();

  private save(): void {
    this.listings.clear();
    this.childrenIndex = undefined;
    if (this.file === undefined) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ pages: [...this.pages.values()] }));
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
    change: { status: string; title: string; version: number; parentId?: string | undefined },
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
    page.status = 'current';
    page.title = change.title;
    page.version += 1;
    page.lastModified = new Date().toISOString();
    this.save();
    return page;
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
