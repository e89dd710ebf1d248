import { z } from 'zod';
import { PageIdSchema } from '../../contract/ids';
import { DEMO_PARENT_PAGE_ID } from '../../seed/demo-hdc';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';

const count = (max: number) => z.coerce.number().int().min(0).max(max);

const SeedOptionsSchema = z.union([
  z.object({
    demo: z.literal(true),
    events: z.undefined().optional(),
    hacks: z.undefined().optional(),
    parentPageId: z.undefined().optional(),
    json: z.boolean(),
    site: z.string().optional(),
  }),
  z.object({
    demo: z.undefined().optional(),
    events: count(100_000).refine((n) => n >= 1, 'must be at least 1'),
    hacks: count(100_000).default(0),
    parentPageId: PageIdSchema.default('2000001'),
    json: z.boolean(),
    site: z.string().optional(),
  }),
]);

export interface SeedOptions extends SessionOptions {
  demo?: true;
  events?: string;
  hacks?: string;
  parentPageId?: string;
  json: boolean;
}

export async function seedCommand(io: CliIo, raw: SeedOptions): Promise<void> {
  const parsed = SeedOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ExitError(
      2,
      'seed takes either --demo, or --events N [--hacks M] [--parent-page-id P]',
      'Example: hdc-ops seed --events 2500 --hacks 0',
    );
  }
  const options = parsed.data;
  await withCliSession(
    io,
    options,
    async (session) => {
      const admin = session.admin('seed');
      await admin.migrate();
      if (options.demo === true) {
        const demo = await admin.seedDemo(session.site, { settings: session.settings, clock: session.clock });
        emit(io, options.json, demo, () =>
          [
            `Seeded the demo HDC on ${session.site} under parent page ${DEMO_PARENT_PAGE_ID}:`,
            table([
              ['event id', 'lifecycle', 'page', 'name'],
              ...demo.events.map((e) => [e.id, e.lifecycle, e.pageId ?? '(none)', e.name]),
            ]),
            `Accounts: primary admin ${demo.accounts.primaryAdmin}, co-admin ${demo.accounts.coAdmin}, non-admin ${demo.accounts.nonAdmin}`,
          ].join('\n'),
        );
        return;
      }
      const result = await admin.seedBulk({
        site: session.site,
        events: options.events,
        hacksPerEvent: options.hacks,
        parentPageId: options.parentPageId,
      });
      emit(
        io,
        options.json,
        result,
        () =>
          `Seeded ${result.eventIds.length} events with ${result.hacks} hacks on ${session.site} under parent page ${result.parentPageId} (admin ${result.adminAccountId}).`,
      );
    },
    'any',
  );
}
