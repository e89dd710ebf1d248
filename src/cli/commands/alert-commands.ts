import type { AlertView, DeliveryRun } from '../../contract/alerts';
import { PageIdSchema } from '../../contract/ids';
import { countOf } from '../../contract/plural';
import { operatorAccountOf } from '../cli-actor';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';

type AlertOptions = SessionOptions & { asAccount?: string; json: boolean };

function alertIdOf(value: string, usage: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new ExitError(2, `${value} is not an alert id`, usage);
  return id;
}

function slaText(alert: AlertView): string {
  const breached = [
    alert.sla.responseBreached ? 'response SLA breached' : null,
    alert.sla.resolutionBreached ? 'resolution SLA breached' : null,
  ].filter((part) => part !== null);
  return breached.length === 0 ? 'within SLA' : breached.join(', ');
}

function alertsText(alerts: readonly AlertView[]): string {
  if (alerts.length === 0) return 'No open alert.';
  return table([
    ['id', 'severity', 'status', 'opened', 'SLA', 'alert'],
    ...alerts.map((alert) => [
      String(alert.id),
      alert.severity,
      alert.status,
      alert.openedAt,
      slaText(alert),
      alert.title,
    ]),
  ]);
}

/** `hdc-ops alerts list --as-account A [--all] [--json]`: the open alerts (with --all the resolved too), with their SLAs. */
export async function alertsListCommand(io: CliIo, options: AlertOptions & { all?: boolean }): Promise<void> {
  const actor = operatorAccountOf(options.asAccount, 'hdc-ops alerts list --as-account <accountId>');
  await withCliSession(io, options, async (session) => {
    const alerts = await session.services.alerts.list(actor, { includeResolved: options.all === true });
    emit(io, options.json, alerts, () => alertsText(alerts));
  });
}

/** `hdc-ops alerts ack ID --as-account A [--json]`. */
export async function alertsAckCommand(io: CliIo, id: string, options: AlertOptions): Promise<void> {
  const usage = 'hdc-ops alerts ack <alertId> --as-account <accountId>';
  const actor = operatorAccountOf(options.asAccount, usage);
  const alertId = alertIdOf(id, usage);
  await withCliSession(io, options, async (session) => {
    const alert = await session.services.alerts.acknowledge(actor, alertId);
    emit(io, options.json, alert, () =>
      alert.changed ? `Alert ${alert.id} acknowledged: ${alert.title}` : `Alert ${alert.id} was already acknowledged.`,
    );
  });
}

/** `hdc-ops alerts resolve ID --as-account A [--note TEXT] [--json]`. */
export async function alertsResolveCommand(
  io: CliIo,
  id: string,
  options: AlertOptions & { note?: string },
): Promise<void> {
  const usage = 'hdc-ops alerts resolve <alertId> --as-account <accountId> [--note TEXT]';
  const actor = operatorAccountOf(options.asAccount, usage);
  const alertId = alertIdOf(id, usage);
  await withCliSession(io, options, async (session) => {
    const alert = await session.services.alerts.resolve(actor, alertId, options.note);
    emit(io, options.json, alert, () => `Alert ${alert.id} resolved: ${alert.title}`);
  });
}

/** `hdc-ops alerts evaluate [--json]`: one evaluation now, as the fiveMinute trigger runs it. */
export async function alertsEvaluateCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const evaluation = await session.services.alerts.evaluate();
    const delivery = await session.services.alertDelivery.deliver();
    emit(io, options.json, { ...evaluation, delivery }, () =>
      [
        `Alerts evaluated at ${evaluation.evaluatedAt}: ${evaluation.open} open.`,
        ...evaluation.fired.map((alert) => `  fired     ${alert.severity} ${alert.title} (alert ${alert.id})`),
        ...evaluation.escalated.map((alert) => `  escalated ${alert.severity} ${alert.title} (alert ${alert.id})`),
        ...evaluation.resolved.map((alert) => `  resolved  ${alert.severity} ${alert.title} (alert ${alert.id})`),
        deliveryText(delivery),
      ].join('\n'),
    );
  });
}

function deliveryText(run: DeliveryRun): string {
  const line = `Delivery: ${countOf(run.delivered, 'notification', 'notifications')} delivered${run.capped > 0 ? ` (${run.capped} without mentions: hourly cap)` : ''}, ${run.failed} failed, ${run.held} held.`;
  return run.reason === null ? line : `${line} ${run.reason}`;
}

const pageIdOf = (value: string | undefined, flag: string, usage: string): string | null => {
  if (value === undefined || value === 'none') return null;
  const parsed = PageIdSchema.safeParse(value);
  if (!parsed.success) throw new ExitError(2, `${flag} must be a Confluence page id (digits) or none`, usage);
  return parsed.data;
};

/** `hdc-ops alerts configure --ops-page ID [--report-page ID] --as-account A [--json]`: where alerts and reports go. */
export async function alertsConfigureCommand(
  io: CliIo,
  options: AlertOptions & { opsPage?: string; reportPage?: string },
): Promise<void> {
  const usage =
    'hdc-ops alerts configure --ops-page <page id|none> [--report-page <page id|none>] --as-account <accountId>';
  const actor = operatorAccountOf(options.asAccount, usage);
  const opsPageId = pageIdOf(options.opsPage, '--ops-page', usage);
  const reportPageId = pageIdOf(options.reportPage, '--report-page', usage);
  await withCliSession(io, options, async (session) => {
    const settings = await session.services.alertDelivery.configure(actor, { opsPageId, reportPageId });
    emit(io, options.json, settings, () =>
      settings.opsPageId === null
        ? 'No operations page: alerts stay in HDC Ops and nothing is published in Confluence.'
        : `Alerts go under page ${settings.opsPageId}; weekly reports under page ${settings.reportPageId ?? settings.opsPageId}.`,
    );
  });
}
