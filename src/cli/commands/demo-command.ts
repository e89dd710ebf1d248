import { countOf } from '../../contract/plural';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../seed/demo-hdc';
import type { CliIo } from '../cli-io';
import { emit } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { registryTable } from './registry-command';

/** The demo in a terminal: migrate, seed the demo when empty, show the registry (npm start serves the macros). */
export async function demoCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(
    io,
    options,
    async (session) => {
      const admin = session.admin('demo');
      const report = await admin.migrate();
      const seeded = !(await admin.isDemoSeeded(session.site));
      if (seeded) await admin.seedDemo(session.site, { settings: session.settings, clock: session.clock });
      const page = await session.services.registry.list({ parentPageId: DEMO_PARENT_PAGE_ID, limit: 100 });
      const where =
        session.config.store.kind === 'pglite'
          ? `embedded database in ${session.config.store.dataDir}`
          : session.config.store.kind;
      const summer = page.events.find((event) => event.name.startsWith('Summer'));
      const summary = {
        site: session.site,
        store: session.config.store.kind,
        migrationsApplied: report.applied,
        seeded,
        parentPageId: DEMO_PARENT_PAGE_ID,
        accounts: DEMO_ACCOUNTS,
        events: page.events,
      };
      emit(io, options.json, summary, () =>
        [
          ...(report.applied.length > 0
            ? [`Applied ${countOf(report.applied.length, 'migration', 'migrations')}.`]
            : []),
          ...(seeded ? [`Seeded the demo HDC on ${session.site} under parent page ${DEMO_PARENT_PAGE_ID}.`] : []),
          `HDC Ops demo (${where}) — events under parent page ${DEMO_PARENT_PAGE_ID}:`,
          '',
          registryTable(page.events),
          '',
          'Try the admin flow (an event with invalid hacks syncs partially, then retries):',
          `  npx hdc-ops sync complete --event-id ${summer?.id ?? '<event id>'} --as-account ${DEMO_ACCOUNTS.primaryAdmin}`,
          `  npx hdc-ops sync retry    --event-id ${summer?.id ?? '<event id>'} --as-account ${DEMO_ACCOUNTS.coAdmin}`,
          `  npx hdc-ops sync status   --event-id ${summer?.id ?? '<event id>'}`,
          `  npx hdc-ops audit list    --event-id ${summer?.id ?? '<event id>'} --as-account ${DEMO_ACCOUNTS.primaryAdmin}`,
          `A non-admin is refused: --as-account ${DEMO_ACCOUNTS.nonAdmin}. Start over: delete ${session.config.store.kind === 'pglite' ? session.config.store.dataDir : 'the demo rows'}.`,
        ].join('\n'),
      );
    },
    'any',
  );
}
