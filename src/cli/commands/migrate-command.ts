import type { CliIo } from '../cli-io';
import { emit } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';

export interface MigrateOptions extends SessionOptions {
  json: boolean;
}

/** `hdc-ops migrate`: numbered migrations, then changed function files, in one transaction. */
export async function migrateCommand(io: CliIo, options: MigrateOptions): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const report = await session.admin('migrate').migrate();
    emit(io, options.json, report, () =>
      report.applied.length === 0 && report.functions.length === 0
        ? `Database is up to date (${report.alreadyApplied} migration(s) applied earlier, every function current).`
        : [
            ...report.applied.map((file) => `applied ${file}`),
            ...(report.functions.length === 0 ? [] : [`applied ${report.functions.length} function file(s): ${report.functions.join(', ')}`]),
            `${report.applied.length} migration(s) applied now, ${report.alreadyApplied} earlier.`,
          ].join('\n'),
    );
  });
}
