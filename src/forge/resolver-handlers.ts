import type { AppServices } from '../app/create-app';
import type { ParsedPayload, ResolverKey, ResolverReplies } from '../contract/resolver-keys';
import { AppError } from '../shared/app-error';
import { chooseParentPage } from '../shared/parent-page';
import type { ResolverCall } from './forge-context';

interface HandlerInput<K extends ResolverKey> {
  payload: ParsedPayload<K>;
  call: ResolverCall;
  /** Bound to the call's site and deadline. */
  services: AppServices;
  defaultParentPageId: string | undefined;
}

type Handler<K extends ResolverKey> = (input: HandlerInput<K>) => Promise<ResolverReplies[K]>;
type Handlers = { [K in ResolverKey]: Handler<K> };

// Keys renamed in 0.3.0 keep their old names until 0.4.0, for the macros of an older deploy: one handler, two keys.
const integrityDryRun = ({ payload, services }: HandlerInput<'report.integrityDryRun' | 'report.dryRun'>) =>
  services.verification.dryRun(payload.eventQuery);
const cleanupPlans = ({ payload, call, services }: HandlerInput<'cleanup.plans' | 'cleanup.status'>) =>
  services.cleanup.plans(call.viewer, payload);

/** One line per resolver key: what it does with the parsed payload and the viewer. */
export const RESOLVER_HANDLERS: Handlers = {
  'registry.list': ({ payload, call, services, defaultParentPageId }) => {
    const parentPageId = chooseParentPage({
      requested: payload.parentPageId,
      configured: defaultParentPageId,
      macroPage: call.contentPageId,
    });
    if (parentPageId === undefined) {
      throw new AppError('validation', 'No parent page to list events under', {
        guidance: 'Put the registry macro on the HDC parent page, or pass parentPageId.',
        retryable: false,
      });
    }
    return services.registry.list({
      parentPageId,
      cursor: payload.cursor,
      limit: payload.limit,
      nameContains: payload.nameContains,
      account: call.viewer.accountId,
    });
  },
  'sync.status': ({ payload, call, services }) => services.sync.status(payload, call.viewer),
  'sync.complete': ({ payload, call, services }) =>
    services.sync.completeAndSync(call.viewer, payload.eventId, {
      endEarly: payload.endEarly,
      idempotencyKey: payload.idempotencyKey,
    }),
  'sync.retry': ({ payload, call, services }) =>
    services.sync.retrySync(call.viewer, payload.eventId, payload.idempotencyKey),
  'sync.escalate': ({ payload, call, services }) =>
    services.sync.escalate(call.viewer, payload.eventId, payload.note, payload.idempotencyKey),
  'sync.tree': ({ payload, call, services }) => {
    if ('eventId' in payload) return services.sync.tree({ eventId: payload.eventId }, call.viewer);
    const pageId = 'pageId' in payload ? payload.pageId : call.contentPageId;
    return services.sync.tree(pageId === undefined ? null : { pageId }, call.viewer);
  },
  'audit.list': ({ payload, call, services }) => services.sync.auditLog(call.viewer, payload.eventId),
  'report.integrityDryRun': integrityDryRun,
  'report.dryRun': integrityDryRun,
  'report.generate': ({ payload, call, services }) =>
    services.verification.generateReportAs(call.viewer, payload.idempotencyKey),
  'report.list': ({ payload, call, services }) => services.verification.history(call.viewer, payload.limit),
  'report.get': ({ payload, services }) => services.verification.report(payload.id ?? null),
  'report.markdown': ({ payload, services }) => services.verification.reportMarkdown(payload.id ?? null),
  'cleanup.latestScan': ({ call, services }) => services.cleanup.latestScan(call.viewer),
  'cleanup.scan': async ({ payload, call, services, defaultParentPageId }) => {
    // Deprecated in 0.3.0 (cleanup.latestScan), answered until 0.4.0 for the macros of an older deploy.
    if (payload.latest === true)
      return { done: true, progress: 1, result: await services.cleanup.latestScan(call.viewer) };
    return services.cleanup.scan(call.viewer, {
      scanId: payload.scanId,
      parentPageId: chooseParentPage({
        requested: payload.parentPageId,
        configured: defaultParentPageId,
        macroPage: call.contentPageId,
      }),
    });
  },
  'cleanup.plan': ({ payload, call, services }) => services.cleanup.plan(call.viewer, payload),
  'cleanup.execute': ({ payload, call, services }) => services.cleanup.execute(call.viewer, payload),
  'cleanup.plans': cleanupPlans,
  'cleanup.status': cleanupPlans,
  'ops.summary': ({ call, services }) => services.opsStatus.summary(call.viewer.accountId),
  'alerts.list': ({ payload, call, services }) => services.alerts.list(call.viewer.accountId, payload),
  'alerts.ack': ({ payload, call, services }) => services.alerts.acknowledge(call.viewer.accountId, payload.alertId),
  'alerts.resolve': ({ payload, call, services }) =>
    services.alerts.resolve(call.viewer.accountId, payload.alertId, payload.note),
  'alerts.configure': ({ payload, call, services }) => services.alertDelivery.configure(call.viewer.accountId, payload),
  'ops.console': ({ call, services }) => services.opsStatus.console(call.viewer.accountId),
  'privacy.status': async ({ call, services }) => (await services.opsStatus.console(call.viewer.accountId)).privacy,
  'cleanup.restore': ({ payload, call, services }) => services.cleanup.restore(call.viewer, payload),
  'jobs.start': ({ payload, call, services, defaultParentPageId }) =>
    services.cleanupJobs.start(
      call.viewer,
      payload.kind === 'scan'
        ? {
            kind: 'scan',
            parentPageId: chooseParentPage({
              requested: payload.parentPageId,
              configured: defaultParentPageId,
              macroPage: call.contentPageId,
            }),
          }
        : payload,
    ),
  'jobs.status': ({ payload, call, services }) => services.cleanupJobs.status(call.viewer, payload),
  'jobs.cancel': ({ payload, call, services }) => services.cleanupJobs.cancel(call.viewer, payload.jobId),
};
