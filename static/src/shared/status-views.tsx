import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { ReactNode } from 'react';
import type { ErrorBody } from '../../../src/contract/envelope';
import { Notice } from './notice';
import type { NoticeAppearance } from './notice';
import { isDegraded } from './use-resolver';

export function Loading({ what }: { what: string }) {
  return (
    <div className="hdc-loading" role="status" aria-live="polite">
      <Spinner size="small" label={`Loading ${what}`} />
      <span>Loading {what}…</span>
    </div>
  );
}

/** Nothing to show, said plainly: a heading and what to do about it. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="hdc-empty">
      <h2 className="hdc-empty-title">{title}</h2>
      {children}
    </div>
  );
}

/**
 * How a failed call reads, by what it means: the service unwell (degraded: try again later), the
 * data contradicting itself (a conflict a person resolves), the viewer not allowed (information,
 * not an error), or the request itself.
 */
function presentationOf(error: ErrorBody): { appearance: NoticeAppearance; title: string } {
  if (isDegraded(error)) return { appearance: 'warning', title: 'Service degraded' };
  if (error.code === 'conflict')
    return { appearance: 'warning', title: error.retryable ? 'Busy right now' : 'Data conflict' };
  if (error.code === 'forbidden') return { appearance: 'information', title: 'Not available to you' };
  return { appearance: 'error', title: 'Something needs attention' };
}

export function ErrorNotice({ error, onRetry }: { error: ErrorBody; onRetry?: () => void }) {
  const { appearance, title } = presentationOf(error);
  return (
    <div role={appearance === 'information' ? 'status' : 'alert'} data-error-code={error.code}>
      <Notice
        appearance={appearance}
        title={title}
        actions={
          onRetry && (isDegraded(error) || error.retryable === true) ? (
            <Button onClick={onRetry}>Try again</Button>
          ) : undefined
        }
      >
        <p>{error.message}</p>
        {error.guidance ? <p className="hdc-subtle">{error.guidance}</p> : null}
      </Notice>
    </div>
  );
}
