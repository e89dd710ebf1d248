import type { CleanupJob, CleanupPlan, CleanupProgress, CleanupScan, JobsStartPayload } from '../contract/cleanup';
import { driveSteps } from './chunked-steps';
import { AppError, toAppError } from '../shared/app-error';
import type { Deadline } from '../shared/deadline';
import type { Viewer } from '../shared/viewer';
import type { CleanupJobStore, JobStepOutcome } from './cleanup-job-port';
import type { CleanupService } from './cleanup-service';
import type { JobQueue } from './job-queue';

/** A job whose last step is older than this has lost its runner: the next start takes it over. */
const JOB_STALE_SECONDS = 600;
/** A step stops calling the cleanup when less than this is left of its time (one call, then the record). */
const STEP_RESERVE_MS = 30_000;
/** Outages a job rides out, one step each, before it fails with the last error. */
const MAX_ATTEMPTS = 5;
/** The wait before a step that met an outage is tried again. */
const RETRY_DELAY_SECONDS = 30;

export interface CleanupJobsService {
  /** A scan, execution or restore in the background (viewer null: the weekly schedule, as the app). */
  start(viewer: Viewer | null, input: JobsStartPayload & { parentPageId?: string | undefined }): Promise<CleanupJob>;
  /** One job, or the latest jobs of the site, newest first. */
  status(viewer: Viewer, input: { jobId?: string | undefined; limit?: number | undefined }): Promise<CleanupJob[]>;
  cancel(viewer: Viewer, jobId: string): Promise<CleanupJob>;
  /**
   * The queue's consumer: one bounded step of a job, then its next step queued. `principal` is the
   * runtime's (the person whose call queued the job; none for the schedule); it must be the job's.
   */
  runStep(jobId: string, principal: string | undefined): Promise<CleanupJob>;
}

export interface CleanupJobsDeps {
  jobs: CleanupJobStore;
  cleanup: CleanupService;
  queue: JobQueue | undefined;
  /** HDC_PARENT_PAGE_ID: what a scan covers when the start names no page. */
  parentPageId: string | undefined;
  /** The time one step may take (the consumer function's timeout, less a margin). */
  deadline: Deadline;
}

type Step = CleanupProgress<CleanupScan | CleanupPlan>;

const isScan = (result: CleanupScan | CleanupPlan): result is CleanupScan => 'pagesSeen' in result;

/** What the job shows between steps: pages read (scan), or the plan's item counts. */
function detailOf(result: CleanupScan | CleanupPlan): Record<string, unknown> {
  if (isScan(result))
    return { scanId: result.scanId, pagesSeen: result.pagesSeen, ...(result.counts ? { counts: result.counts } : {}) };
  return { planId: result.planId, planStatus: result.status, counts: result.counts ?? {} };
}

const errorOf = (error: AppError, attempts: number) => ({
  code: error.code,
  message: error.message,
  ...(error.guidance ? { guidance: error.guidance } : {}),
  attempts,
});

export function createCleanupJobsService(deps: CleanupJobsDeps): CleanupJobsService {
  const { jobs, cleanup, deadline } = deps;
  const queue = (): JobQueue => {
    if (deps.queue === undefined) {
      throw new AppError('unavailable', "Background jobs need Forge's queue, which this process does not have", {
        guidance: 'Use the macro in Confluence (or the local host); from the CLI, run the cleanup command itself.',
        retryable: false,
      });
    }
    return deps.queue;
  };

  async function oneCall(job: CleanupJob, viewer: Viewer | null): Promise<Step> {
    if (job.kind === 'scan') {
      const input = { scanId: job.scanId ?? undefined, parentPageId: job.parentPageId ?? undefined };
      return viewer === null ? cleanup.scheduledScanStep(input) : cleanup.scan(viewer, input);
    }
    if (viewer === null || job.planId === null)
      throw new AppError('forbidden', 'Only an operator runs a plan', { retryable: false });
    if (job.kind === 'execute') return cleanup.execute(viewer, { planId: job.planId, hash: job.planHash ?? '' });
    return cleanup.restore(viewer, { planId: job.planId });
  }

  async function end(
    job: CleanupJob,
    outcome: JobStepOutcome,
    step: Step | null,
    error: CleanupJob['error'],
  ): Promise<CleanupJob> {
    const detail = step === null ? null : detailOf(step.result);
    const scanId = step !== null && isScan(step.result) ? step.result.scanId : null;
    return jobs.endStep({ jobId: job.jobId, outcome, progress: step?.progress ?? null, detail, scanId, error });
  }

  return {
    async start(viewer, input) {
      const parentPageId = input.kind === 'scan' ? (input.parentPageId ?? deps.parentPageId ?? null) : null;
      const started = await jobs.start({
        actor: viewer?.accountId ?? null,
        kind: input.kind,
        planId: input.kind === 'scan' ? null : input.planId,
        hash: input.kind === 'execute' ? input.hash : null,
        parentPageId,
        staleSeconds: JOB_STALE_SECONDS,
      });
      const job = started.job;
      if (!started.created && !started.takenOver) return job;
      try {
        await queue().push(job.jobId, { principal: job.requestedBy });
      } catch (error) {
        // Nothing will run it: end it now, so that starting again makes a new job instead of waiting for this one.
        const appError = toAppError(error);
        await jobs.endStep({
          jobId: job.jobId,
          outcome: 'failed',
          progress: null,
          detail: null,
          scanId: null,
          error: errorOf(appError, 1),
        });
        throw appError;
      }
      return job;
    },
    status: (viewer, input) => jobs.jobs(viewer.accountId, input.jobId ?? null, input.limit ?? 10),
    cancel: (viewer, jobId) => jobs.cancel(viewer.accountId, jobId),
    async runStep(jobId, principal) {
      const job = await jobs.beginStep(jobId);
      if (job.status !== 'running') return job;
      if (job.requestedBy !== null && principal !== job.requestedBy) {
        return end(
          job,
          'failed',
          null,
          errorOf(
            new AppError(
              'forbidden',
              `This job was started by ${job.requestedBy}, but its step ran as ${principal ?? 'nobody'}`,
              {
                guidance: 'Start it again from the macro.',
              },
            ),
            1,
          ),
        );
      }
      const viewer = job.requestedBy === null ? null : { accountId: job.requestedBy };
      const attempts = job.error?.attempts ?? 0;
      try {
        const { last: step } = await driveSteps<CleanupScan | CleanupPlan>(() => oneCall(job, viewer), {
          mayContinue: () => deadline.remainingMs() > STEP_RESERVE_MS,
        });
        const ended = await end(job, step.done ? 'done' : 'more', step, null);
        if (!step.done) await queue().push(jobId, { principal: job.requestedBy });
        return ended;
      } catch (error) {
        const appError = toAppError(error);
        if (appError.retryable && attempts + 1 < MAX_ATTEMPTS) {
          const ended = await end(job, 'more', null, errorOf(appError, attempts + 1));
          await queue().push(jobId, { principal: job.requestedBy, delaySeconds: RETRY_DELAY_SECONDS });
          return ended;
        }
        return end(job, 'failed', null, errorOf(appError, attempts + 1));
      }
    },
  };
}
