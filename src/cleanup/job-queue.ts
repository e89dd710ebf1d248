/**
 * Forge's async events queue as the cleanup jobs need it: one event per job step, whose body names
 * only the job. The runtime carries who pushed it to the consumer (the principal); the local
 * emulation is told, as the runtime would know.
 */
export interface JobQueue {
  push(jobId: string, options: { principal: string | null; delaySeconds?: number }): Promise<void>;
}

/** The queue's key in manifest.yml (the consumer module reads it). */
export const CLEANUP_JOB_QUEUE = 'hdc-cleanup-jobs';
