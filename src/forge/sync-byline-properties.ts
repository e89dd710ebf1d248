import { z } from 'zod';
import type { App } from '../app/create-app';
import { PageIdSchema } from '../contract/ids';
import {
  DUPLICATE_EVENTS_BYLINE,
  NOT_AN_EVENT_BYLINE,
  UNKNOWN_SYNC_BYLINE,
  syncBylineText,
} from '../contract/sync-byline';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';

/** A byline renders with the page: it waits for no slow database. */
const BYLINE_DEADLINE_MS = 5_000;

const ContentSchema = z.looseObject({
  extension: z.looseObject({ content: z.looseObject({ id: z.union([z.string(), z.number()]) }) }),
});
const WrappedSchema = z.looseObject({ context: ContentSchema });

/** The page the byline sits on: Forge passes the module's extension context, at the top or under `context`. */
function pageIdOf(payload: unknown): string | null {
  const direct = ContentSchema.safeParse(payload);
  const wrapped = WrappedSchema.safeParse(payload);
  const id = direct.success
    ? direct.data.extension.content.id
    : wrapped.success
      ? wrapped.data.context.extension.content.id
      : null;
  const page = PageIdSchema.safeParse(id === null ? null : String(id));
  return page.success ? page.data : null;
}

export interface SyncBylineDeps {
  app: () => Promise<App>;
  clock?: Clock;
  log?: (line: string) => void;
}

/**
 * `hdc-sync-byline`'s dynamic properties: the event's sync state as the byline item's title ("Sync:
 * Partial") and tooltip, in one read-only request per page view. Anyone who can view the page sees
 * its event's state, as the sync panel shows it; a page that is not an event page says so, and so does a
 * page two events reference; a failure says the state is unknown (logged by code only), never a guessed state.
 */
export function buildSyncBylineProperties(deps: SyncBylineDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  const clock = deps.clock ?? systemClock;
  return async (payload: unknown, context: unknown): Promise<{ title: string; tooltip: string }> => {
    const pageId = pageIdOf(payload);
    if (pageId === null) return { title: NOT_AN_EVENT_BYLINE.title, tooltip: NOT_AN_EVENT_BYLINE.tooltip };
    try {
      const app = await deps.app();
      const services = app.servicesFor({
        site: siteOfContext(context),
        deadline: deadlineAfter(BYLINE_DEADLINE_MS, clock),
        readOnly: true,
      });
      const { title, tooltip } = syncBylineText(await services.sync.status({ pageId }));
      return { title, tooltip };
    } catch (error) {
      const code = toAppError(error).code;
      const shown =
        code === 'not_found'
          ? NOT_AN_EVENT_BYLINE
          : code === 'conflict'
            ? DUPLICATE_EVENTS_BYLINE
            : UNKNOWN_SYNC_BYLINE;
      if (shown === UNKNOWN_SYNC_BYLINE) log(`[hdc-byline] sync state not read (${code})`);
      return { title: shown.title, tooltip: shown.tooltip };
    }
  };
}
