import { z } from 'zod';
import type { App } from '../app/create-app';
import { toAppError } from '../shared/app-error';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import { deadlineAfter } from '../shared/deadline';
import { siteOfContext } from './forge-context';

/** The consumer function's timeoutSeconds in manifest.yml (a test keeps them equal): Forge's longest. */
export const CLEANUP_JOB_TIMEOUT_SECONDS = 900;
/**
 * The work of one step: far inside the timeout (a slow store call or Confluence retry still ends in
 * time), and short enough that an operator sees the job's progress move every two minutes at most.
 */
export const CLEANUP_JOB_STEP_MS = 120_000;

/** An async event as Forge delivers it: the body pushed (only the job's id), and the invocation's jobId. */
const JobEventSchema = z.looseObject({ body: z.strictObject({ jobId: z.uuid() }) });
/** Who pushed the event: the runtime's principal (absent for the schedule's jobs). */
const ConsumerContextSchema = z.looseObject({ principal: z.looseObject({ accountId: z.string() }).optional() });

export interface JobConsumerDeps {
  app: () => Promise<App>;
  log?: (line: string) => void;
  clock?: Clock;
  /** The work of one step (CLEANUP_JOB_STEP_MS; tests shorten it to see a job span many steps). */
  stepMs?: number;
}

/**
 * The `consumer` of the cleanup jobs queue: one bounded step of the job the event names, for the
 * installation that runs it (the context's installContext), as the principal who queued it. Errors
 * are recorded on the job by the step itself; what escapes is logged and not thrown, so Forge does
 * not deliver the event again on top of the step's own retry.
 */
export function buildCleanupJobConsumer(deps: JobConsumerDeps) {
  const log = deps.log ?? ((line: string) => console.log(line));
  return async (event: unknown, context: unknown): Promise<void> => {
    const parsed = JobEventSchema.safeParse(event);
    if (!parsed.success) {
      log('[hdc-cleanup-job] ignored an event that names no job');
      return;
    }
    try {
      const site = siteOfContext(context);
      const principal = ConsumerContextSchema.safeParse(context ?? {}).data?.principal?.accountId;
      const deadline = deadlineAfter(deps.stepMs ?? CLEANUP_JOB_STEP_MS, deps.clock ?? systemClock);
      const job = await (
        await deps.app()
      )
        .servicesFor({ site, deadline })
        .cleanupJobs.runStep(parsed.data.body.jobId, principal);
      log(`[hdc-cleanup-job] ${job.kind} ${job.jobId}: ${job.status} after step ${job.steps}`);
    } catch (error) {
      const appError = toAppError(error);
      log(`[hdc-cleanup-job] step of ${parsed.data.body.jobId} could not run: ${appError.code}`);
    }
  };
}
