import { countOf } from '../../contract/plural';
import { z } from 'zod';
import { AccountIdSchema } from '../../contract/ids';
import { ReportDryRunPayloadSchema } from '../../contract/payloads';
import type { IntegrityDryRun } from '../../contract/verification';
import type { WeeklyReport } from '../../contract/weekly-report';
import { runLogResult } from '../../contract/weekly-report';
import { failedChecks, integrityChecklist } from '../../verification/integrity-checklist';
import { verdictSentence } from '../../contract/report-verdict';
import { renderWeeklyReportMarkdown } from '../../verification/weekly-report-markdown';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { cliActor } from '../cli-actor';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { parseFlags } from '../parse-flags';

function dryRunText(result: IntegrityDryRun): string {
  const s = result.summary;
  if (s.events === 0) return noEventMatches(result.eventQuery);
  return [
    table([
      ['event', 'lifecycle', 'page', 'parent', 'primary', 'co-admins', 'sync', 'submitted', 'hacks', 'audit'],
      ...result.events.map((e) => [
        e.name,
        e.lifecycle,
        e.pageId ?? 'MISSING',
        e.parentPageId ?? 'MISSING',
        String(e.primaryAdmins),
        String(e.coAdmins),
        e.syncStatus ?? 'none',
        String(e.submittedHacks),
        String(e.totalHacks),
        String(e.auditRows),
      ]),
    ]),
    '',
    `${countOf(s.events, 'event', 'events')} matching "${result.eventQuery}": missing page ids ${s.missingPageIds}, missing parent page ids ${s.missingParentPageIds}, ` +
      `no primary admin ${s.noPrimaryAdmin}, no sync state ${s.noSyncState}, no submitted hacks ${s.noSubmittedHacks}; ` +
      `totals: ${s.totalSubmittedHacks} submitted of ${s.totalHacks} hacks, ${s.totalAuditRows} audit rows.`,
  ].join('\n');
}

const noEventMatches = (query: string) => `No event matches "${query}": the dry-run checked nothing.`;

/** `hdc-ops dry-run [--event-query Q]`: the integrity dry-run; read-only. Exit 1 when a defect is found, or no event matches. */
export async function dryRunCommand(
  io: CliIo,
  options: SessionOptions & { eventQuery?: string; json: boolean },
): Promise<void> {
  const flags = parseFlags(ReportDryRunPayloadSchema, { eventQuery: options.eventQuery });
  await withCliSession(io, options, async (session) => {
    const result = await session.services.verification.dryRun(flags.eventQuery);
    emit(io, options.json, result, () => dryRunText(result));
    if (result.summary.events === 0) {
      throw new ExitError(
        1,
        noEventMatches(result.eventQuery),
        'Check the name prefix (--event-query), or HDC_CANONICAL_EVENT_QUERY for the default.',
      );
    }
    const failed = failedChecks(integrityChecklist(result.summary));
    if (failed.length > 0) {
      throw new ExitError(
        1,
        `The dry-run found integrity defects: ${failed.map((item) => `${item.label} ${item.value}`).join(', ')}.`,
      );
    }
  });
}

const FormatSchema = z
  .strictObject({ format: z.enum(['markdown', 'json', 'text']).optional(), json: z.boolean().optional() })
  .refine(
    (flags) => !(flags.json === true && flags.format !== undefined && flags.format !== 'json'),
    '--json and --format are one choice: give one of them',
  )
  .transform((flags) => ({ format: flags.json === true ? 'json' : (flags.format ?? 'text') }));

function reportText(report: WeeklyReport): string {
  return [
    `Weekly verification — week of ${report.weekOf}: ${report.status} (severity ${report.severity}), report ${report.id ?? '?'}`,
    verdictSentence(report.status, report.severity),
    ...(report.previous
      ? [
          `Compared with last week (week of ${report.previous.weekOf}, report ${report.previous.id}): ${report.previous.status}`,
        ]
      : []),
    ...report.runLog.map((entry) => `  ${runLogResult(entry).padEnd(22)} ${entry.check}: ${entry.detail}`),
    ...(report.followUps.length === 0 ? [] : ['Follow-ups:', ...report.followUps.map((f) => `  - ${f}`)]),
  ].join('\n');
}

/**
 * `hdc-ops weekly-check [--format markdown|json|text]`: generates and stores this week's report
 * (as the scheduled trigger does) and prints it. Exit 1 on FAIL. `--json` is `--format json`.
 */
export async function weeklyCheckCommand(
  io: CliIo,
  options: SessionOptions & { format?: string; json?: boolean },
): Promise<void> {
  const { format } = parseFlags(FormatSchema, { format: options.format, json: options.json });
  await withCliSession(io, options, async (session) => {
    const report = await session.services.verification.generateReport(cliActor());
    if (format === 'markdown') io.out(renderWeeklyReportMarkdown(report).trimEnd());
    else emit(io, format === 'json', report, () => reportText(report));
    if (report.status === 'FAIL') throw new ExitError(1, `The weekly check FAILED (severity ${report.severity}).`);
  });
}

/** `hdc-ops sample`: one run of the scheduled telemetry sampler, now. Exit 1 when it failed or found a SEV-2. */
export async function sampleCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const run = await session.services.sampleTelemetry();
    emit(io, options.json, run, () =>
      run.status === 'failed'
        ? `Sampler run failed (${run.errorCode}): ${run.message}`
        : [
            `Sampler run ${run.runId}: severity ${run.severity}, ${countOf(run.findings.length, 'finding', 'findings')}, ${countOf(run.pruned, 'telemetry row', 'telemetry rows')} pruned.`,
            ...run.probes.map(
              (p) =>
                `  ${p.metric} probe: ${p.outcome}${p.durationMs === null ? '' : ` in ${p.durationMs.toFixed(1)} ms`} (${p.detail})`,
            ),
            ...run.findings.map((f) => `  ${f.severity} ${f.rule}: ${f.detail}. Action: ${f.action}`),
          ].join('\n'),
    );
    if (run.status === 'failed') throw new ExitError(1, 'The sampler run failed.');
    if (run.severity === 'SEV-2') throw new ExitError(1, 'The sampler found a SEV-2 condition.');
  });
}

/**
 * `hdc-ops telemetry fold`: folds every pending hour of raw telemetry into the rollups the weekly
 * report reads (the sampler does this hourly), a few hours per call, with progress on stderr.
 */
export async function telemetryFoldCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const totals = await session.services.verification.foldTelemetry(cliActor(), (sofar, pending) =>
      io.err(
        `folded ${countOf(sofar.hours, 'hour', 'hours')}, ${countOf(sofar.rows, 'row', 'rows')}${pending > 0 ? `; ${countOf(pending, 'hour', 'hours')} to go` : ''}`,
      ),
    );
    emit(
      io,
      options.json,
      totals,
      () =>
        `Telemetry folded: ${countOf(totals.hours, 'hour', 'hours')}, ${countOf(totals.rows, 'raw row', 'raw rows')} read in ${countOf(totals.calls, 'call', 'calls')}` +
        (totals.lateRowsDropped > 0
          ? `; ${countOf(totals.lateRowsDropped, 'row', 'rows')} arrived after their hour's raw rows were pruned and were not counted.`
          : '.'),
    );
  });
}

/** `hdc-ops operator add|remove|list [accountId]`: the HDC operators role (audited). */
export async function operatorCommand(
  io: CliIo,
  action: 'add' | 'remove' | 'list',
  accountId: string | undefined,
  options: SessionOptions & { json: boolean },
): Promise<void> {
  let account: string | undefined;
  if (action !== 'list') {
    const parsed = AccountIdSchema.safeParse(accountId);
    if (!parsed.success)
      throw new ExitError(2, `operator ${action} needs an Atlassian account id`, 'hdc-ops operator add <accountId>');
    account = parsed.data;
  }
  await withCliSession(io, options, async (session) => {
    const operators =
      account === undefined
        ? await session.services.operators.list()
        : action === 'add'
          ? await session.services.operators.add(account, cliActor())
          : await session.services.operators.remove(account, cliActor());
    emit(io, options.json, operators, () =>
      operators.length === 0
        ? 'No HDC operators. Add one: hdc-ops operator add <accountId>'
        : table([['account', 'added by', 'added at'], ...operators.map((o) => [o.accountId, o.addedBy, o.addedAt])]),
    );
  });
}
