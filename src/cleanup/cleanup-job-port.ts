import type { CleanupJob } from '../contract/cleanup';

export type JobStepOutcome = 'more' | 'done' | 'failed';

/** A started job; `created` is false when an active job of the kind was already there. */
export interface JobStart {
  job: CleanupJob;
  created: boolean;
  takenOver: boolean;
}

/** The cleanup jobs port: start, claim and record steps, read, cancel (operators; the schedule as the app). */
export interface CleanupJobStore {
  start(input: {
    actor: string | null;
    kind: CleanupJob['kind'];
    planId: string | null;
    hash: string | null;
    parentPageId: string | null;
    staleSeconds: number;
  }): Promise<JobStart>;
  /** Claims the job for one step; a finished or cancelled job comes back as it is. */
  beginStep(jobId: string): Promise<CleanupJob>;
  endStep(input: {
    jobId: string;
    outcome: JobStepOutcome;
    progress: number | null;
    detail: Record<string, unknown> | null;
    scanId: number | null;
    error: CleanupJob['error'];
  }): Promise<CleanupJob>;
  jobs(actor: string, jobId: string | null, limit: number): Promise<CleanupJob[]>;
  cancel(actor: string, jobId: string): Promise<CleanupJob>;
}
