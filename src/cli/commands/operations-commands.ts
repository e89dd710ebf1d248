import { countOf } from '../../contract/plural';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openScratchDatabase } from '../../app/scratch-database';
import type { HealthReport, OpsSummary } from '../../contract/operations';
import { defaultBackupName } from '../../ops/backup-runner';
import type { Progress } from '../../ops/backup-runner';
import { renderDrillMarkdown, runRecoveryDrill } from '../../ops/recovery-drill';
import type { DrillReport } from '../../ops/recovery-drill';
import { readinessVerdict, renderReadinessMarkdown } from '../../ops/readiness-verdict';
import { isAppError } from '../../shared/app-error';
import { progressText } from '../../shared/progress-text';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { cliActor, operatorAccountOf } from '../cli-actor';
import { withCliSession } from '../cli-session';
import type { CliSession, SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { privacyStatusLine } from '../privacy-status-text';
import { outputFile } from '../output-file';

/** Progress on stderr, at most every 10 % (and at the end), so a long transfer shows it moves. */
export function progressLines(io: CliIo): Progress {
  let lastShown = -1;
  return (done, total, what) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth !== lastShown || done === total) {
      lastShown = tenth;
      io.err(`  ${progressText(done, total, what)}`);
    }
  };
}

export const absolute = (file: string) => resolve(file);

/** A file under the backup folder for a backup nobody named (of the session's site unless another is named). */
export function automaticBackupFile(session: CliSession, kind: string, site: string = session.site): string {
  mkdirSync(session.config.backupDir, { recursive: true });
  return absolute(join(session.config.backupDir, defaultBackupName(site, kind, session.clock.now())));
}

function healthText(report: HealthReport): string {
  return [
    `HDC Ops ${report.releaseId}: ${report.status.toUpperCase()}`,
    table([
      ['check', 'status', 'observed', 'note'],
      ...Object.entries(report.checks).flatMap(([name, checks]) =>
        checks.map((check) => [
          name,
          check.status,
          check.observedValue === null
            ? '—'
            : `${check.observedValue}${check.observedUnit ? ` ${check.observedUnit}` : ''}`,
          check.output ?? '',
        ]),
      ),
    ]),
    ...report.notes,
  ].join('\n');
}

/** `hdc-ops health [--json]`: readiness as application/health+json; exit 1 on fail (warn is 0). */
export async function healthCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(
    io,
    options,
    async (session) => {
      const report = await session.services.opsStatus.readiness();
      emit(io, options.json, report, () => healthText(report));
      if (report.status === 'fail')
        throw new ExitError(1, 'Readiness FAILED: an essential dependency is down (see the checks above).');
    },
    'any',
  );
}

function summaryText(summary: OpsSummary): string {
  const b = summary.syncBacklog;
  const report = summary.lastWeeklyReport;
  const backup = summary.posture.newestBackup;
  const drill = summary.posture.lastDrill;
  return [
    `Ops summary at ${summary.generatedAt} — health ${summary.health.status.toUpperCase()}, schema ${summary.posture.schemaVersion ?? 'none'}`,
    `Sync backlog: ${b.partial} partial, ${b.failed} failed, ${countOf(b.escalationsWaiting, 'escalation', 'escalations')} waiting` +
      (b.oldest ? `; oldest: ${b.oldest.name} (${b.oldest.status} since ${b.oldest.since})` : ''),
    `Cleanup: ${countOf(summary.cleanup.plansExecuting, 'plan', 'plans')} executing, ${countOf(summary.cleanup.itemsPending, 'item', 'items')} pending, ${summary.cleanup.itemsFailed} failed`,
    `Scheduled runs failed in 24 h: ${summary.scheduledRunsFailed24h.count}${summary.scheduledRunsFailed24h.jobs.length > 0 ? ` (${summary.scheduledRunsFailed24h.jobs.join(', ')})` : ''}`,
    ...summary.slo.map((window) => `SLO ${window.status.replace(/_/g, ' ')}: ${window.detail}`),
    `Last weekly report: ${report ? `${report.status} (${report.severity}), week of ${report.weekOf}` : 'none yet'}`,
    `Privacy report: ${privacyStatusLine(summary.privacy)}`,
    `Newest backup: ${backup ? `${backup.fileName}, ${summary.backupAgeHours?.toFixed(1)} h old (${backup.kind})` : 'none — run hdc-ops backup'}`,
    `Last drill: ${drill ? `${drill.passed ? 'passed' : 'FAILED'} at ${drill.ranAt}, RTO ${((drill.rtoMs ?? 0) / 1000).toFixed(1)} s, RPO ${(drill.rpoSeconds ?? 0).toFixed(0)} s` : 'none — run hdc-ops drill'}`,
  ].join('\n');
}

/** `hdc-ops ops summary --as-account A [--json]`: the audited ops summary (HDC operators only). */
export async function opsSummaryCommand(
  io: CliIo,
  options: SessionOptions & { asAccount?: string; json: boolean },
): Promise<void> {
  const actor = operatorAccountOf(options.asAccount, 'hdc-ops ops summary --as-account <accountId>');
  await withCliSession(io, options, async (session) => {
    const summary = await session.services.opsStatus.summary(actor);
    emit(io, options.json, summary, () => summaryText(summary));
  });
}

/** The embedded database's folder, where no command writes a file of its own (none on a server). */
const dataDirOf = (session: CliSession) =>
  session.config.store.kind === 'pglite' ? session.config.store.dataDir : undefined;

/** `hdc-ops backup --out FILE [--force] [--no-telemetry] [--json]`: a verified backup file of the site. */
export async function backupCommand(
  io: CliIo,
  options: SessionOptions & { out?: string; force?: boolean; telemetry: boolean; json: boolean },
): Promise<void> {
  const out = options.out;
  if (out === undefined || out.trim() === '')
    throw new ExitError(2, 'backup needs --out FILE', 'hdc-ops backup --out hdc.hdcbak.gz');
  await withCliSession(io, options, async (session) => {
    const file = outputFile(out, { flag: '--out', force: options.force === true, dataDir: dataDirOf(session) });
    mkdirSync(dirname(file), { recursive: true });
    io.err(`Backing up ${session.site}${options.telemetry ? '' : ' (without raw telemetry)'} to ${file}…`);
    const result = await session.services.recovery.backup({
      file,
      actor: cliActor(),
      kind: 'manual',
      includeTelemetry: options.telemetry,
      progress: progressLines(io),
    });
    emit(io, options.json, result, () =>
      [
        `Backup written and verified: ${result.file}`,
        `  ${result.totalRows} rows in ${result.manifest.tables.length} tables, ${result.bytes} bytes, SHA-256 ${result.payloadSha256}`,
        `  snapshot at ${result.manifest.snapshotAt}, schema ${result.manifest.schemaVersion}`,
      ].join('\n'),
    );
  });
}

/** Runs a drill in a session; shared by drill and readiness-check. */
async function drillIn(io: CliIo, session: CliSession): Promise<DrillReport> {
  return runRecoveryDrill({
    live: session.services,
    openScratch: () => openScratchDatabase(session.config.store, session.site, session.settings),
    site: session.site,
    actor: cliActor(),
    backupFile: automaticBackupFile(session, 'drill'),
    parentPageId: session.config.parentPageId,
    thresholds: session.settings.thresholds,
    clock: session.clock,
    progress: (line) => io.err(line),
  });
}

/** A report file and its JSON beside it; named by a flag, neither may replace a file without --force. */
function reportFiles(
  session: CliSession,
  flag: string,
  named: string | undefined,
  defaultName: string,
  force: boolean,
) {
  const markdown = named ?? join(session.config.backupDir, defaultName);
  const jsonFile = `${markdown.replace(/\.md$/, '')}.json`;
  // The default report is the latest one: each run replaces it.
  const path = outputFile(markdown, {
    flag,
    force: force || named === undefined,
    dataDir: dataDirOf(session),
    companions: [jsonFile],
  });
  return { markdown: path, json: absolute(jsonFile) };
}

function writeReport(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** `hdc-ops drill [--json] [--markdown FILE [--force]]`: the recovery drill; exit 1 when parity or a target fails. */
export async function drillCommand(
  io: CliIo,
  options: SessionOptions & { json: boolean; markdown?: string; force?: boolean },
): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const files = reportFiles(session, '--markdown', options.markdown, 'drill-report.md', options.force === true);
    const report = await drillIn(io, session);
    const markdown = renderDrillMarkdown(report);
    const written = writeReport(files.markdown, markdown);
    writeReport(files.json, JSON.stringify(report, null, 2));
    emit(io, options.json, report, () => `${markdown}\nReport: ${written} (and .json)`);
    if (!report.passed) throw new ExitError(1, `The drill FAILED: ${report.failures.join('; ')}`);
  });
}

/**
 * `hdc-ops readiness-check --as-account A [--json] [--report FILE]`: the launch-readiness check — a
 * drill (which leaves a verified backup), then health, the integrity dry-run and the ops summary;
 * one verdict, one report (Markdown and JSON). Exit 1 on FAIL.
 */
export async function readinessCheckCommand(
  io: CliIo,
  options: SessionOptions & { asAccount?: string; json: boolean; report?: string; force?: boolean },
): Promise<void> {
  const actor = operatorAccountOf(options.asAccount, 'hdc-ops ops readiness-check --as-account <accountId>');
  await withCliSession(io, options, async (session) => {
    const files = reportFiles(session, '--report', options.report, 'readiness-report.md', options.force === true);
    // Who may read the ops summary may run the check: refused before the drill's work, and before any report is written.
    await session.services.operators.requireOperator(actor);
    const attempt = async <T>(work: () => Promise<T>): Promise<T | { error: string }> =>
      work().catch((error: unknown) => ({
        error: isAppError(error) ? `${error.code}: ${error.message}` : String(error),
      }));
    io.err('1/4 recovery drill');
    const drill = await attempt(() => drillIn(io, session));
    io.err('2/4 health');
    const health = await session.services.opsStatus.readiness();
    io.err('3/4 integrity dry-run');
    const dryRun = await attempt(() => session.services.verification.dryRun());
    io.err('4/4 ops summary');
    const summary = await attempt(() => session.services.opsStatus.summary(actor));
    const parts = { health, dryRun, drill, summary };
    const verdict = readinessVerdict(parts);
    const ranAt = session.clock.now().toISOString();
    const markdown = renderReadinessMarkdown(session.site, ranAt, parts, verdict);
    const written = writeReport(files.markdown, markdown);
    writeReport(files.json, JSON.stringify({ site: session.site, ranAt, ...verdict, ...parts }, null, 2));
    emit(io, options.json, { ...verdict, report: written }, () =>
      [
        `Launch readiness: ${verdict.verdict}`,
        ...verdict.failures.map((line) => `  FAIL ${line}`),
        ...verdict.warnings.map((line) => `  warn ${line}`),
        `Report: ${written} (and .json)`,
      ].join('\n'),
    );
    if (verdict.verdict === 'FAIL') throw new ExitError(1, 'Launch readiness FAILED (see the report).');
  });
}
