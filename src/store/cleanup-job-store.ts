import { z } from 'zod';
import type { CleanupJobStore, JobStart, JobStepOutcome } from '../cleanup/cleanup-job-port';
import type { CleanupJob } from '../contract/cleanup';
import { CleanupJobSchema } from '../contract/cleanup';
import type { SiteRpc } from './site-rpc';

const StartSchema: z.ZodType<JobStart> = z.object({
  job: CleanupJobSchema,
  created: z.boolean(),
  takenOver: z.boolean(),
});

export function createCleanupJobStore(rpc: SiteRpc): CleanupJobStore {
  const step = (
    jobId: string,
    phase: 'begin' | 'end',
    rest: {
      outcome?: JobStepOutcome;
      progress?: number | null;
      detail?: Record<string, unknown> | null;
      scanId?: number | null;
      error?: CleanupJob['error'];
    } = {},
  ) =>
    rpc.call(
      'hdc_cleanup_job_step',
      {
        p_job_id: jobId,
        p_phase: phase,
        p_outcome: rest.outcome ?? null,
        p_progress: rest.progress ?? null,
        p_detail: rest.detail ?? null,
        p_scan_id: rest.scanId ?? null,
        p_error: rest.error ?? null,
      },
      CleanupJobSchema,
      'idempotent_write',
    );
  return {
    start: ({ actor, kind, planId, hash, parentPageId, staleSeconds }) =>
      rpc.call(
        'hdc_cleanup_job_start',
        {
          p_actor: actor,
          p_kind: kind,
          p_plan_id: planId,
          p_hash: hash,
          p_parent_page_id: parentPageId,
          p_stale_seconds: staleSeconds,
        },
        StartSchema,
        'write',
      ),
    beginStep: (jobId) => step(jobId, 'begin'),
    endStep: ({ jobId, ...rest }) => step(jobId, 'end', rest),
    jobs: (actor, jobId, limit) =>
      rpc.call('hdc_cleanup_jobs', { p_actor: actor, p_job_id: jobId, p_limit: limit }, z.array(CleanupJobSchema)),
    cancel: (actor, jobId) =>
      rpc.call('hdc_cleanup_job_cancel', { p_actor: actor, p_job_id: jobId }, CleanupJobSchema, 'idempotent_write'),
  };
}
