import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import type { CleanupJob } from '../../../../src/contract/cleanup';
import { RelativeTime } from '../../shared/relative-time';

export const JOB_LABEL: Record<CleanupJob['kind'], string> = {
  scan: 'Scanning',
  execute: 'Running the cleanup',
  restore: 'Restoring',
};
export const isActive = (job: CleanupJob) => job.status === 'queued' || job.status === 'running';

function jobDetail(job: CleanupJob): string {
  const detail = job.detail ?? {};
  if (job.kind === 'scan')
    return typeof detail.pagesSeen === 'number' ? `${detail.pagesSeen} pages read` : 'waiting to start';
  return job.progress === null ? 'waiting to start' : `${Math.round(job.progress * 100)} %`;
}

/** A job running in the background: what, by whom, how far; anyone with the page open sees it and may cancel it. */
export function JobRow({
  job,
  nameOf,
  onCancel,
}: {
  job: CleanupJob;
  nameOf: (accountId: string) => string;
  onCancel: () => void;
}) {
  const label = `${JOB_LABEL[job.kind]}… ${jobDetail(job)}`;
  return (
    <div className="hdc-stack" role="status" aria-live="polite">
      <div className="hdc-row">
        <p id="cleanup-progress-label" className="hdc-grow">
          {label} — started by {job.requestedBy === null ? 'the weekly schedule' : nameOf(job.requestedBy)}{' '}
          <RelativeTime iso={job.createdAt} />.
          {job.error
            ? ` Confluence or the database did not answer (attempt ${job.error.attempts ?? 1} of 5); it tries again by itself.`
            : ''}{' '}
          It goes on if you leave this page.
        </p>
        <Button isDisabled={job.cancelRequestedBy !== null} onClick={onCancel}>
          {job.cancelRequestedBy === null ? 'Cancel' : 'Cancelling…'}
        </Button>
      </div>
      <ProgressBar
        ariaLabel={label}
        {...(job.progress === null || job.kind === 'scan' ? { isIndeterminate: true } : { value: job.progress })}
      />
    </div>
  );
}
