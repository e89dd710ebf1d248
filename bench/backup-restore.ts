import { NO_DEADLINE } from '../src/shared/deadline';
import { createOperationsStore } from '../src/store/operations-store';
import { createSiteRpc } from '../src/store/site-rpc';
import { TelemetryOutbox } from '../src/telemetry/telemetry-outbox';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDatabaseOver } from '../src/app/local-database';
import { applyRestore, planRestore, takeBackup } from '../src/ops/backup-runner';
import { seedBulk } from '../src/seed/seed-bulk';
import { LOCAL_SITE_ID } from '../src/shared/site';
import { runMigrations } from '../src/store/migration-runner';
import { openPgliteExecutor } from '../src/store/pglite-executor';

const EVENTS = 10_000;
const HACKS_PER_EVENT = 3;
const RUNS = 3;
const round = (value: number) => Math.round(value);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * backup_restore: 10,000 events with 30,000 hacks (and their admins and users) on the embedded
 * database: a backup to a file (snapshot, paged out, read back), a restore of it over the same
 * site (staged, one transaction that verifies every table), and the check before it (the file read
 * through for its checksum, the site's figures beside the manifest). Target: backup + restore + verify under 10 s.
 */
export async function benchBackupRestore() {
  const sql = await openPgliteExecutor();
  const dir = mkdtempSync(join(tmpdir(), 'hdc-bench-backup-'));
  try {
    await runMigrations(sql);
    await seedBulk(sql, {
      site: LOCAL_SITE_ID,
      events: EVENTS,
      hacksPerEvent: HACKS_PER_EVENT,
      parentPageId: '6000000',
    });
    const database = localDatabaseOver(sql);
    const store = createOperationsStore(
      createSiteRpc(database.rpc, new TelemetryOutbox(), { site: LOCAL_SITE_ID, deadline: NO_DEADLINE }),
    );
    const runs: {
      backupMs: number;
      restoreMs: number;
      verifyMs: number;
      bytes: number;
      rows: number;
      roundTrips: number;
    }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const file = join(dir, `run-${run}.hdcbak.gz`);
      const before = database.rpc.roundTrips;
      const started = performance.now();
      const backup = await takeBackup(store, { file, actor: 'bench', kind: 'manual', includeTelemetry: true });
      const backupMs = performance.now() - started;
      const plan = await planRestore(store, file, LOCAL_SITE_ID);
      const restored = await applyRestore(store, plan, 'bench');
      runs.push({
        backupMs,
        restoreMs: restored.restoreMs,
        verifyMs: plan.checkMs,
        bytes: backup.bytes,
        rows: backup.totalRows,
        roundTrips: database.rpc.roundTrips - before,
      });
      process.stderr.write(
        `[backup_restore] run ${run + 1}: backup ${round(backupMs)} ms, restore ${round(restored.restoreMs)} ms, verify ${round(plan.checkMs)} ms, ${backup.bytes} bytes\n`,
      );
    }
    const backupMs = median(runs.map((r) => r.backupMs));
    const restoreMs = median(runs.map((r) => r.restoreMs));
    const verifyMs = median(runs.map((r) => r.verifyMs));
    return {
      events: EVENTS,
      hacks: EVENTS * HACKS_PER_EVENT,
      rows: runs[0]?.rows ?? 0,
      runs: RUNS,
      backupMs: round(backupMs),
      restoreMs: round(restoreMs),
      verifyMs: round(verifyMs),
      totalMs: round(backupMs + restoreMs + verifyMs),
      targetMs: 10_000,
      metTarget: backupMs + restoreMs + verifyMs < 10_000,
      bytes: runs[0]?.bytes ?? 0,
      databaseRoundTrips: runs[0]?.roundTrips ?? 0,
      note: 'medians of the runs; restore = staging + the one-transaction apply, which checks every table against the manifest; verify = the file read through for its checksum + the site figures beside the manifest (restore --dry-run)',
    };
  } finally {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
