import type { BackupResult, Progress } from './backup-runner';
import { takeBackup } from './backup-runner';
import type { OperationsStore } from './operations-port';
import { withSiteHold } from './site-restore';

export interface SiteErasure {
  /** The final backup, written and read back before anything was erased. */
  backup: BackupResult;
  rows: number;
  tables: Record<string, number>;
}

/**
 * A site's data leaves (`hdc-ops site erase`): under the site's hold (its calls in flight end first;
 * every other call is refused until the end), a final backup is written and verified, then every row
 * of the site goes in one transaction, counted again before it commits, and the erasure is logged
 * where no site owns it. A failure before the erase changes nothing; the hold ends either way.
 */
export function eraseSite(
  store: OperationsStore,
  run: { actor: string; file: string; progress?: Progress },
): Promise<SiteErasure> {
  return withSiteHold(store, run.actor, 'erase', async (held, hold) => {
    const backup = await takeBackup(held, {
      file: run.file,
      actor: run.actor,
      kind: 'manual',
      includeTelemetry: true,
      ...(run.progress ? { progress: run.progress } : {}),
    });
    const erased = await held.eraseSite(hold, run.actor, { file: backup.file, sha256: backup.payloadSha256 });
    return { backup, ...erased };
  });
}
