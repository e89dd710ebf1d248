import { AppError } from '../shared/app-error';
import type { OperationsStore, SiteHold } from './operations-port';
import type { VerifiedBackup } from './backup-file';
import { applyRestore, comparePlan, takeBackup } from './backup-runner';
import type { Progress, RestorePlan, RestoreResult } from './backup-runner';

/**
 * Taking the hold writes the site's audit row `site_held`: compared under the hold, an empty site
 * holds that one row. It is not data to refuse over or back up (the restore's own audit row and
 * `site_released` record the run).
 */
const HOLD_OWN_ROWS = 1;

export interface HeldRestoreOptions {
  site: string;
  actor: string;
  kind: SiteHold['kind'];
  /** Why the site as found under the hold may not be restored (see restoreRefusal), or null. */
  refusal: (plan: RestorePlan) => AppError | null;
  /** A new file for the pre-restore backup, asked for only when the site holds rows. */
  preRestoreFile: () => string;
  progress?: Progress;
  note?: (line: string) => void;
}

export interface HeldRestoreOutcome extends RestoreResult {
  plan: RestorePlan;
  /** The backup of what the restore replaced, taken inside the hold (null when the site was empty). */
  preRestoreBackup: string | null;
  /** How long the site's calls were held. */
  heldMs: number;
}

/** Everything the site holds, telemetry included, into `file`: what a restore or rollback is about to replace. */
export async function takePreRestoreBackup(
  held: OperationsStore,
  file: string,
  actor: string,
  progress: Progress | undefined,
): Promise<void> {
  await takeBackup(held, {
    file,
    actor,
    kind: 'pre_restore',
    includeTelemetry: true,
    ...(progress ? { progress } : {}),
  });
}

/**
 * Runs `work` holding the site: the site's calls in flight end first, every other call is refused
 * (retryable) until the work ends, and the hold is released whatever happens (a holder that dies
 * lets go when the lease ends).
 */
export async function withSiteHold<T>(
  store: OperationsStore,
  actor: string,
  kind: SiteHold['kind'],
  work: (held: OperationsStore, hold: SiteHold) => Promise<T>,
): Promise<T> {
  const hold = await store.holdSite(actor, kind);
  try {
    return await work(store.within(hold), hold);
  } finally {
    await store.releaseSite(hold, actor).catch(() => undefined);
  }
}

/**
 * A restore that loses no write: under the site's hold, the site is compared with the backup again,
 * a pre-restore backup takes everything the site holds (every write acknowledged before the hold),
 * and the backup is applied in one transaction. Released at the end, applied or not.
 */
export async function restoreUnderHold(
  store: OperationsStore,
  backup: VerifiedBackup,
  file: string,
  options: HeldRestoreOptions,
): Promise<HeldRestoreOutcome> {
  const started = performance.now();
  return withSiteHold(store, options.actor, options.kind, async (held) => {
    options.note?.(`Holding ${options.site}: its other calls wait until the ${options.kind} ends.`);
    const compared = await comparePlan(held, backup, file, options.site);
    const plan = { ...compared, rowsNow: Math.max(0, compared.rowsNow - HOLD_OWN_ROWS) };
    const refusal = options.refusal(plan);
    if (refusal) throw refusal;
    let preRestoreBackup: string | null = null;
    if (plan.rowsNow > 0) {
      preRestoreBackup = options.preRestoreFile();
      options.note?.(`Taking a pre-restore backup: ${preRestoreBackup}`);
      await takePreRestoreBackup(held, preRestoreBackup, options.actor, options.progress);
    }
    options.note?.(`Restoring ${backup.totalRows} rows into ${options.site} in one transaction…`);
    try {
      const result = await applyRestore(held, plan, options.actor, options.progress);
      return { ...result, plan, preRestoreBackup, heldMs: performance.now() - started };
    } catch (error) {
      if (preRestoreBackup !== null && error instanceof AppError) {
        // Truthful about what was done: nothing restored, but the safety backup exists.
        throw new AppError(
          error.code,
          `${error.message} — nothing was restored (the pre-restore backup ${preRestoreBackup} was taken)`,
          {
            ...(error.guidance ? { guidance: error.guidance } : {}),
            retryable: error.retryable,
            cause: error,
          },
        );
      }
      throw error;
    }
  });
}
