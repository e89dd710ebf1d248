import { Queue } from '@forge/events';
import type { JobQueue } from '../cleanup/job-queue';
import { CLEANUP_JOB_QUEUE } from '../cleanup/job-queue';
import { AppError } from '../shared/app-error';

/** Forge's async events queue: the runtime carries the principal to the consumer itself. */
export function createForgeJobQueue(): JobQueue {
  const queue = new Queue({ key: CLEANUP_JOB_QUEUE });
  return {
    async push(jobId, options) {
      try {
        await queue.push({
          body: { jobId },
          ...(options.delaySeconds === undefined ? {} : { delayInSeconds: options.delaySeconds }),
        });
      } catch (error) {
        throw new AppError('transient', "Forge's queue did not take the job's next step", {
          guidance: 'Start the job again in a minute: it carries on where it stopped.',
          retryable: true,
          cause: error,
        });
      }
    },
  };
}
