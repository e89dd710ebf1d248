import { countOf } from '../../contract/plural';
import { driveSteps } from '../../cleanup/chunked-steps';
import { z } from 'zod';
import type { CleanupPlan, CleanupScan, PlanItem } from '../../contract/cleanup';
import { CLEANUP_MAX_ITEMS } from '../../contract/cleanup';
import { AccountIdSchema, EventIdSchema, PageIdSchema } from '../../contract/ids';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { parseFlags } from '../parse-flags';

export interface CleanupCommandOptions extends SessionOptions {
  asAccount?: string;
  parentPageId?: string;
  scanId?: string;
  planId?: string;
  hash?: string;
  trash?: string[];
  relink?: string[];
  clear?: string[];
  allOrphans?: boolean;
  json: boolean;
}

const Acting = { asAccount: AccountIdSchema };
const PositiveInt = z.coerce.number().int().positive();

function describeScan(scan: CleanupScan): string {
  if (scan.counts === undefined || scan.findings === undefined)
    return `Scan ${scan.scanId}: listing, ${countOf(scan.pagesSeen, 'page', 'pages')} read so far.`;
  const { counts, findings } = scan;
  const lines = [
    `Scan ${scan.scanId} of page ${scan.parentPageId} (${scan.trigger}, ${scan.finishedAt ?? ''}): ${countOf(counts.pages, 'page', 'pages')}, ${countOf(counts.events, 'event', 'events')}, ${countOf(scan.requests, 'Confluence request', 'Confluence requests')}.`,
    `Orphan pages ${counts.orphanPages} · dangling events ${counts.danglingEvents} · duplicate references ${counts.duplicateReferences}`,
  ];
  if (scan.canDelete === false)
    lines.push('You may not delete pages in this space in Confluence: trashing will be refused.');
  if (findings.orphanPages.length > 0) {
    lines.push(
      '',
      table([
        ['orphan page', 'title', 'status', 'children', 'last modified'],
        ...findings.orphanPages.map((page) => [
          page.pageId,
          page.title,
          page.status,
          String(page.childCount),
          page.lastModified ?? '',
        ]),
      ]),
    );
  }
  if (findings.danglingEvents.length > 0) {
    lines.push(
      '',
      table([
        ['dangling event', 'name', 'page', 'why', 'suggested page'],
        ...findings.danglingEvents.map((event) => [
          event.eventId,
          event.name,
          event.pageId,
          event.reason,
          event.suggestedPage ? `${event.suggestedPage.pageId} ${event.suggestedPage.title}` : '',
        ]),
      ]),
    );
  }
  for (const duplicate of findings.duplicateReferences) {
    lines.push(
      '',
      `Page ${duplicate.pageId} (${duplicate.title ?? 'not found'}) is referenced by: ${duplicate.events.map((event) => `${event.name} (${event.eventId})`).join(', ')}`,
    );
  }
  if (counts.orphanPages + counts.danglingEvents + counts.duplicateReferences === 0) lines.push('No orphans.');
  return lines.join('\n');
}

function describePlan(plan: CleanupPlan): string {
  const items = plan.items ?? [];
  return [
    `Plan ${plan.planId} (${plan.status}) from scan ${plan.scanId}, by ${plan.createdBy}`,
    `Hash ${plan.hash}`,
    table([
      ['#', 'action', 'page', 'event', 'to page', 'title', 'state', 'reason'],
      ...items.map((item) => [
        String(item.position),
        item.action,
        item.pageId ?? '',
        item.eventId ?? '',
        item.toPageId ?? '',
        item.title,
        item.state,
        item.reason ?? '',
      ]),
    ]),
  ].join('\n');
}

/** The items named on the command line, checked before anything else (a malformed id is exit 2). */
function namedItems(options: CleanupCommandOptions): PlanItem[] {
  const items: PlanItem[] = [];
  for (const pageId of options.trash ?? [])
    items.push({
      action: 'trash',
      pageId: parseFlags(z.strictObject({ trash: PageIdSchema }), { trash: pageId }).trash,
    });
  for (const pair of options.relink ?? []) {
    const [eventId, toPageId] = pair.split('=');
    const flags = parseFlags(z.strictObject({ relink: EventIdSchema, toPageId: PageIdSchema }), {
      relink: eventId,
      toPageId,
    });
    items.push({ action: 'relink', eventId: flags.relink, toPageId: flags.toPageId });
  }
  for (const eventId of options.clear ?? [])
    items.push({
      action: 'clear',
      eventId: parseFlags(z.strictObject({ clear: EventIdSchema }), { clear: eventId }).clear,
    });
  if (items.length === 0 && !options.allOrphans)
    throw new ExitError(
      2,
      'Nothing to plan',
      'Name items: --trash <pageId>…, --relink <eventId>=<pageId>…, --clear <eventId>…, or --all-orphans.',
    );
  if (items.length > CLEANUP_MAX_ITEMS)
    throw new ExitError(2, `At most ${CLEANUP_MAX_ITEMS} items per plan`, 'Plan in parts.');
  return items;
}

/** The plan's items: the named ones, and with --all-orphans every orphan page of the scan. */
function planItems(named: PlanItem[], allOrphans: boolean, scan: CleanupScan): PlanItem[] {
  const orphans: PlanItem[] = allOrphans
    ? (scan.findings?.orphanPages ?? []).map((page) => ({ action: 'trash', pageId: page.pageId }))
    : [];
  const items = [...orphans, ...named];
  if (items.length === 0)
    throw new ExitError(
      1,
      'The latest scan found no orphan page',
      'Nothing to plan: run `hdc-ops cleanup scan` again later.',
    );
  if (items.length > CLEANUP_MAX_ITEMS)
    throw new ExitError(
      2,
      `At most ${CLEANUP_MAX_ITEMS} items per plan`,
      'Plan in parts: name the pages with --trash.',
    );
  return items;
}

export async function cleanupScanCommand(io: CliIo, options: CleanupCommandOptions): Promise<void> {
  const flags = parseFlags(
    z.strictObject({ ...Acting, parentPageId: PageIdSchema.optional(), scanId: PositiveInt.optional() }),
    { asAccount: options.asAccount, parentPageId: options.parentPageId, scanId: options.scanId },
  );
  await withCliSession(io, options, async (session) => {
    const viewer = { accountId: flags.asAccount };
    // A new scan defaults to the parent page registry list uses: HDC_PARENT_PAGE_ID, else the demo's when it is seeded.
    const parentPageId =
      flags.parentPageId ?? (flags.scanId === undefined ? await session.defaultParentPageId() : undefined);
    const { last } = await driveSteps<CleanupScan>(
      (previous) =>
        session.services.cleanup.scan(
          viewer,
          previous === null ? { scanId: flags.scanId, parentPageId } : { scanId: previous.result.scanId },
        ),
      {
        onStep: (step) => io.err(`scan ${step.result.scanId}: ${countOf(step.result.pagesSeen, 'page', 'pages')} read`),
      },
    );
    const scan = last.result;
    emit(io, options.json, scan, () => describeScan(scan));
  });
}

export async function cleanupPlanCommand(io: CliIo, options: CleanupCommandOptions): Promise<void> {
  const flags = parseFlags(z.strictObject({ ...Acting, scanId: PositiveInt.optional() }), {
    asAccount: options.asAccount,
    scanId: options.scanId,
  });
  if (options.allOrphans && (options.trash ?? []).length > 0)
    throw new ExitError(2, '--all-orphans and --trash name the pages two ways', 'Use one of them.');
  const named = namedItems(options);
  await withCliSession(io, options, async (session) => {
    const viewer = { accountId: flags.asAccount };
    const latest = await session.services.cleanup.latestScan(viewer);
    const scanId = flags.scanId ?? latest?.scanId;
    if (scanId === undefined || latest === null)
      throw new ExitError(1, 'No complete scan yet', 'Run `hdc-ops cleanup scan` first.');
    if (options.allOrphans && scanId !== latest.scanId)
      throw new ExitError(
        2,
        '--all-orphans plans from the latest scan only',
        'Leave out --scan-id, or name the pages with --trash.',
      );
    const plan = await session.services.cleanup.plan(viewer, {
      scanId,
      items: planItems(named, options.allOrphans === true, latest),
    });
    emit(
      io,
      options.json,
      plan,
      () =>
        `${describePlan(plan)}\n\nTo run it: hdc-ops cleanup execute --plan-id ${plan.planId} --hash ${plan.hash} --as-account ${flags.asAccount}`,
    );
  });
}

async function runToEnd(io: CliIo, options: CleanupCommandOptions, mode: 'execute' | 'restore'): Promise<void> {
  const PlanId = z.uuid({ message: 'must be a plan id (UUID)' });
  const flags =
    mode === 'execute'
      ? parseFlags(
          z.strictObject({
            ...Acting,
            planId: PlanId,
            hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be the plan hash printed with the plan'),
          }),
          { asAccount: options.asAccount, planId: options.planId, hash: options.hash },
        )
      : {
          ...parseFlags(z.strictObject({ ...Acting, planId: PlanId }), {
            asAccount: options.asAccount,
            planId: options.planId,
          }),
          hash: undefined,
        };
  await withCliSession(io, options, async (session) => {
    const viewer = { accountId: flags.asAccount };
    const step = () =>
      mode === 'execute'
        ? session.services.cleanup.execute(viewer, { planId: flags.planId, hash: flags.hash ?? '' })
        : session.services.cleanup.restore(viewer, { planId: flags.planId });
    const { last } = await driveSteps(step, {
      onStep: (progress) => io.err(`${mode}: ${Math.round((progress.progress ?? 0) * 100)} %`),
    });
    const plan = last.result;
    const states = (plan.items ?? []).map((item) => item.state);
    const failed = states.filter((state) => state === (mode === 'execute' ? 'failed' : 'restore_failed')).length;
    const skipped = states.filter((state) => state === (mode === 'execute' ? 'skipped' : 'restore_skipped')).length;
    emit(io, options.json, plan, () => `${describePlan(plan)}\n\n${outcomeLine(mode, states.length, failed, skipped)}`);
    if (failed > 0) {
      throw new ExitError(
        1,
        `${failed} of ${countOf(states.length, 'item', 'items')} failed`,
        mode === 'execute'
          ? 'Read their reasons above (Confluence refused them); fix them in Confluence, scan again and plan again.'
          : `Read their reasons above (Confluence refused them); they stay restorable: an operator who may restore them runs hdc-ops cleanup restore --plan-id ${plan.planId}.`,
      );
    }
  });
}

function outcomeLine(mode: 'execute' | 'restore', total: number, failed: number, skipped: number): string {
  const done = mode === 'execute' ? 'done' : 'restored';
  return `${total - failed - skipped} ${done}, ${skipped} skipped (changed since planning: see the reasons), ${failed} failed (refused by Confluence).`;
}

export const cleanupExecuteCommand = (io: CliIo, options: CleanupCommandOptions) => runToEnd(io, options, 'execute');
export const cleanupRestoreCommand = (io: CliIo, options: CleanupCommandOptions) => runToEnd(io, options, 'restore');

export async function cleanupStatusCommand(io: CliIo, options: CleanupCommandOptions): Promise<void> {
  const flags = parseFlags(
    z.strictObject({ ...Acting, planId: z.uuid({ message: 'must be a plan id (UUID)' }).optional() }),
    { asAccount: options.asAccount, planId: options.planId },
  );
  await withCliSession(io, options, async (session) => {
    const plans = await session.services.cleanup.plans({ accountId: flags.asAccount }, { planId: flags.planId });
    emit(io, options.json, plans, () =>
      plans.length === 0 ? 'No cleanup plans yet.' : plans.map(describePlan).join('\n\n'),
    );
  });
}
