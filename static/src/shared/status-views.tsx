import Button from '@atlaskit/button/new';
import Spinner from '@atlaskit/spinner';
import type { ReactNode } from 'react';
import type { ErrorBody } from '../../../src/contract/envelope';
import { Notice } from './notice';
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

/** A failed call: "service degraded" when the backend is unwell (retry later), else the error itself. */
export function ErrorNotice({ error, onRetry }: { error: ErrorBody; onRetry?: () => void }) {
  const degraded = isDegraded(error);
  return (
    <div role="alert">
      <Notice
        appearance={degraded ? 'warning' : 'error'}
        title={degraded ? 'Service degraded' : 'Something needs attention'}
        actions={onRetry && (degraded || error.retryable) ? <Button onClick={onRetry}>Try again</Button> : undefined}
      >
        <p>{error.message}</p>
        {error.guidance ? <p className="hdc-subtle">{error.guidance}</p> : null}
      </Notice>
    </div>
  );
}
