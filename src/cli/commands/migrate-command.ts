import { runMigrations } from '../../store/migration-runner';
import type { CliIo } from '../cli-io';
import { emit } from '../cli-io';
import { withCliSession } from '../cli-session';

export interface MigrateOptions {
  json: boolean;
}

export async function migrateCommand(io: CliIo, options: MigrateOptions): Promise<void> {
  await withCliSession(io, async (session) => {
    const sql = session.requireSql('migrate');
    const report = await runMigrations(sql, { onApplied: (file) => options.json || io.out(`applied ${file.fileName}`) });
    emit(io, options.json, report, () =>
      report.applied.length === 0
        ? `Database is up to date (${report.alreadyApplied} migrations applied earlier).`
        : `Applied ${report.applied.length} migration(s); ${report.alreadyApplied} were already applied.`,
    );
  });
}
