import { countOf } from '../../contract/plural';
import { RegistryListPayloadSchema } from '../../contract/payloads';
import { decodeRegistryCursor } from '../../registry/registry-cursor';
import type { RegistryEvent } from '../../contract/results';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { parseFlags } from '../parse-flags';
import { ExitError } from '../exit-error';

/** The registry as people read it in a terminal (the demo command shows it too). */
export function registryTable(events: readonly RegistryEvent[]): string {
  return table([
    ['name', 'lifecycle', 'sync', 'archived', 'page', 'event id'],
    ...events.map((e) => [e.name, e.lifecycle, e.syncStatus, e.archived ? 'yes' : '', e.pageId ?? '(no page)', e.id]),
  ]);
}

/** The resolver's payload, with the cursor checked here: a malformed one is bad usage (exit 2). */
const RegistryListFlagsSchema = RegistryListPayloadSchema.superRefine((flags, context) => {
  if (flags.cursor === undefined) return;
  try {
    decodeRegistryCursor(flags.cursor);
  } catch {
    context.addIssue({
      code: 'custom',
      path: ['cursor'],
      message: 'is not a cursor this command printed: pass the --cursor value of the previous page as it was given',
    });
  }
});

export interface RegistryListOptions extends SessionOptions {
  parentPageId?: string;
  cursor?: string;
  limit?: string;
  json: boolean;
}

export async function registryListCommand(io: CliIo, options: RegistryListOptions): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const flags = parseFlags(RegistryListFlagsSchema, {
      parentPageId: options.parentPageId ?? (await session.defaultParentPageId()),
      cursor: options.cursor,
      limit: options.limit === undefined ? undefined : Number(options.limit),
    });
    if (flags.parentPageId === undefined) {
      throw new ExitError(
        2,
        'No parent page given',
        'Pass --parent-page-id, set HDC_PARENT_PAGE_ID, or seed the demo (hdc-ops demo).',
      );
    }
    const page = await session.services.registry.list({
      parentPageId: flags.parentPageId,
      cursor: flags.cursor,
      limit: flags.limit,
    });
    emit(io, options.json, page, () =>
      [
        registryTable(page.events),
        page.nextCursor === null
          ? `${countOf(page.events.length, 'event', 'events')}.`
          : `More: --cursor ${page.nextCursor}`,
      ].join('\n'),
    );
  });
}
