import { progressText } from '../shared/progress-text';
import type { RegistryService } from '../registry/registry-service';
import type { SyncService } from '../sync/sync-service';
import type { VerificationService } from '../verification/verification-service';
import type { RecoveryService } from './recovery-service';
import type { OpsStatusService } from './ops-status-service';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import type { Thresholds } from '../verification/thresholds';
import type { BackupResult, Progress } from './backup-runner';

/** What a drill calls on the live site and on the restored copy. */
interface DrillServices {
  opsStatus: OpsStatusService;
  recovery: RecoveryService;
  registry: Pick<RegistryService, 'list'>;
  sync: Pick<SyncService, 'status'>;
  verification: Pick<VerificationService, 'dryRun'>;
}

/** A scratch database the drill restores into: migrated by `prepare`, dropped by `close`. */
export interface ScratchDatabase {
  /** What it is, for the report ("a fresh embedded database", "database hdc_drill_… on the server"). */
  description: string;
  services: DrillServices;
  prepare(): Promise<void>;
  close(): Promise<void>;
}

export interface DrillDeps {
  live: DrillServices;
  openScratch: () => Promise<ScratchDatabase>;
  site: string;
  actor: string;
  /** Where the drill's backup goes: it is kept, as a verified restorable point. */
  backupFile: string;
  /** The HDC parent page of the registry comparison; the first event's parent when not set. */
  parentPageId: string | undefined;
  thresholds: Thresholds;
  clock: Clock;
  progress?: (line: string) => void;
}

interface DrillComparison {
  read: string;
  same: boolean;
  detail: string;
}

export interface DrillReport {
  passed: boolean;
  site: string;
  ranAt: string;
  scratch: string;
  backup: { file: string; backupId: string; snapshotAt: string; totalRows: number; bytes: number; backupMs: number };
  /** Age of the newest verified backup before this drill, in hours (null: there was none). */
  previousBackupAgeHours: number | null;
  /** Per table, what was compared: the live snapshot's figures and the restored ones, measured in the restore's transaction before its own audit row. */
  parity: {
    table: string;
    rowsLive: number;
    rowsRestored: number;
    hashLive: string;
    hashRestored: string;
    same: boolean;
  }[];
  reads: DrillComparison[];
  rto: { ms: number; targetSeconds: number; met: boolean };
  rpo: { seconds: number; targetHours: number; met: boolean };
  failures: string[];
}

/** Fields that say when a read ran, not what it read. */
const VOLATILE_KEYS = new Set(['checkedAt', 'generatedAt', 'durationMs']);
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE_KEYS.has(key))
        .map(([key, inner]) => [key, stable(inner)]),
    );
  }
  return value;
}

/** The read resolvers' answers a drill compares: registry list, sync status of a sample, the integrity dry-run. */
async function readsOf(
  services: DrillServices,
  parentPageId: string | undefined,
  sampleIds: readonly string[],
): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  const settle = async (name: string, read: () => Promise<unknown>) => {
    answers.set(name, await read().then(stable, (error: unknown) => ({ error: toAppError(error).code })));
  };
  if (parentPageId !== undefined)
    await settle(`registry.list ${parentPageId}`, () => services.registry.list({ parentPageId, limit: 50 }));
  for (const eventId of sampleIds) await settle(`sync.status ${eventId}`, () => services.sync.status({ eventId }));
  await settle('integrity dry-run', () => services.verification.dryRun());
  return answers;
}

const SAMPLE_EVENTS = 5;

/**
 * The recovery drill: back up the live site (kept as a verified backup), read the read resolvers'
 * answers, restore into a scratch database, check parity (rows and content hashes per table),
 * read the same answers there and compare. RTO runs from the start of the restore (scratch
 * schema included) to the restored database answering like the live one; RPO is the age of the
 * newest restorable point (this drill's verified backup) at that moment. Both against
 * config/thresholds.yml `recovery`. The result is recorded where readiness and the ops summary read it.
 */
export async function runRecoveryDrill(deps: DrillDeps): Promise<DrillReport> {
  const { live, thresholds, clock } = deps;
  const say = deps.progress ?? (() => undefined);
  const failures: string[] = [];
  const ranAt = clock.now();
  const before = await live.opsStatus.readiness();
  const previousBackupAgeHours = before.checks['backup:freshness']?.[0]?.observedValue;

  say('backing up the live site…');
  const backupStarted = performance.now();
  const progress: Progress = (done, total, what) => say(`  ${progressText(done, total, what)}`);
  const backup: BackupResult = await live.recovery.backup({
    file: deps.backupFile,
    actor: deps.actor,
    kind: 'drill',
    includeTelemetry: true,
    progress,
  });
  const backupMs = performance.now() - backupStarted;

  const figuresLive = backup.manifest.tables;
  const dryRun = await live.verification.dryRun();
  const sampleIds = dryRun.events.slice(0, SAMPLE_EVENTS).map((event) => event.eventId);
  const parentPageId =
    deps.parentPageId ?? dryRun.events.find((event) => event.parentPageId !== null)?.parentPageId ?? undefined;
  const liveReads = await readsOf(live, parentPageId, sampleIds);

  say('restoring into a scratch database…');
  const scratch = await deps.openScratch();
  let reads: DrillComparison[] = [];
  let parity: DrillReport['parity'] = [];
  let rtoMs = 0;
  try {
    const restoreStarted = performance.now();
    await scratch.prepare();
    const plan = await scratch.services.recovery.planRestore(backup.file);
    // The scratch database is empty: nothing to replace, no pre-restore backup.
    const { applied } = await scratch.services.recovery.restore(plan, {
      actor: deps.actor,
      replace: false,
      automaticBackupFile: () => deps.backupFile,
      progress,
    });
    parity = figuresLive.map((table) => {
      const restored = applied.measured[table.name];
      const same = restored !== undefined && restored.rows === table.rows && restored.contentHash === table.contentHash;
      return {
        table: table.name,
        rowsLive: table.rows,
        rowsRestored: restored?.rows ?? 0,
        hashLive: table.contentHash,
        hashRestored: restored?.contentHash ?? '—',
        same,
      };
    });
    const scratchReads = await readsOf(scratch.services, parentPageId, sampleIds);
    rtoMs = performance.now() - restoreStarted;
    reads = [...liveReads].map(([read, answer]) => {
      const same = JSON.stringify(answer) === JSON.stringify(scratchReads.get(read));
      return { read, same, detail: same ? 'same answer' : 'the restored database answers differently' };
    });
  } finally {
    await scratch.close();
  }
  for (const table of parity.filter((entry) => !entry.same)) {
    failures.push(
      `parity: ${table.table} has ${table.rowsRestored} rows restored (content ${shortHash(table.hashRestored)}), ${table.rowsLive} live (content ${shortHash(table.hashLive)})`,
    );
  }
  for (const read of reads.filter((entry) => !entry.same))
    failures.push(`read: ${read.read} answers differently after the restore`);

  const rpoSeconds = (clock.now().getTime() - Date.parse(backup.manifest.snapshotAt)) / 1000;
  const rto = {
    ms: rtoMs,
    targetSeconds: thresholds.recovery.rto_seconds,
    met: rtoMs / 1000 <= thresholds.recovery.rto_seconds,
  };
  const rpo = {
    seconds: rpoSeconds,
    targetHours: thresholds.recovery.rpo_hours,
    met: rpoSeconds / 3600 <= thresholds.recovery.rpo_hours,
  };
  if (!rto.met) failures.push(`RTO ${(rtoMs / 1000).toFixed(1)} s is over the ${rto.targetSeconds} s target`);
  if (!rpo.met) failures.push(`RPO ${(rpoSeconds / 3600).toFixed(2)} h is over the ${rpo.targetHours} h target`);

  const report: DrillReport = {
    passed: failures.length === 0,
    site: deps.site,
    ranAt: ranAt.toISOString(),
    scratch: scratch.description,
    backup: {
      file: backup.file,
      backupId: backup.backupId,
      snapshotAt: backup.manifest.snapshotAt,
      totalRows: backup.totalRows,
      bytes: backup.bytes,
      backupMs,
    },
    previousBackupAgeHours: typeof previousBackupAgeHours === 'number' ? previousBackupAgeHours : null,
    parity,
    reads,
    rto,
    rpo,
    failures,
  };
  await live.recovery.recordDrill(deps.actor, {
    passed: report.passed,
    rtoMs: report.rto.ms,
    rpoSeconds: report.rpo.seconds,
    report: { ...report },
  });
  return report;
}

const yesNo = (ok: boolean) => (ok ? 'yes' : '**NO**');
/** Enough of a SHA-256 to tell two contents apart at a glance. */
const shortHash = (hash: string) => hash.slice(0, 12);

export function renderDrillMarkdown(report: DrillReport): string {
  return [
    `# Recovery drill — ${report.passed ? 'PASSED' : 'FAILED'}`,
    '',
    `- Site: ${report.site}`,
    `- Ran at: ${report.ranAt}`,
    `- Restored into: ${report.scratch}`,
    `- Backup: ${report.backup.file} (${report.backup.totalRows} rows, ${report.backup.bytes} bytes, snapshot ${report.backup.snapshotAt}, ${(report.backup.backupMs / 1000).toFixed(2)} s)`,
    `- Newest verified backup before the drill: ${report.previousBackupAgeHours === null ? 'none' : `${report.previousBackupAgeHours} h old`}`,
    '',
    '| Objective | Measured | Target | Met |',
    '|---|---|---|---|',
    `| RTO (restore start → verified serving) | ${(report.rto.ms / 1000).toFixed(2)} s | ${report.rto.targetSeconds} s | ${yesNo(report.rto.met)} |`,
    `| RPO (age of the newest restorable point) | ${report.rpo.seconds.toFixed(1)} s | ${report.rpo.targetHours} h | ${yesNo(report.rpo.met)} |`,
    '',
    '## Parity',
    '',
    "Rows and content hash (SHA-256 over every row) of each table: the live snapshot, and the restored database as the restore's transaction measured it, before its own audit row. Same means both are equal.",
    '',
    '| Table | Live rows | Restored rows | Live content | Restored content | Same |',
    '|---|---|---|---|---|---|',
    ...report.parity.map(
      (row) =>
        `| ${row.table} | ${row.rowsLive} | ${row.rowsRestored} | ${shortHash(row.hashLive)} | ${shortHash(row.hashRestored)} | ${yesNo(row.same)} |`,
    ),
    '',
    '## Read resolvers, live against restored',
    '',
    ...report.reads.map((read) => `- ${read.same ? '✅' : '❌'} ${read.read}: ${read.detail}`),
    '',
    ...(report.failures.length === 0
      ? ['No failures.']
      : ['## Failures', '', ...report.failures.map((failure) => `- ${failure}`)]),
    '',
  ].join('\n');
}
