import type { ReactNode } from 'react';
import type { ErrorBody } from '../../../src/contract/envelope';
import { isDegraded } from './use-resolver';

export function Loading({ what }: { what: string }) {
  return (
    <div className="hdc-loading" role="status" aria-live="polite">
      <span className="hdc-spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="hdc-empty">
      <p className="hdc-empty-title">{title}</p>
      {children}
    </div>
  );
}

/** A failed call: "service degraded" when the backend is unwell (retry later), else the error itself. */
export function ErrorNotice({ error, onRetry }: { error: ErrorBody; onRetry?: () => void }) {
  const degraded = isDegraded(error);
  return (
    <div className={degraded ? 'hdc-notice hdc-notice-warning' : 'hdc-notice hdc-notice-danger'} role="alert">
      <p className="hdc-notice-title">{degraded ? 'Service degraded' : 'Something needs attention'}</p>
      <p>{error.message}</p>
      {error.guidance ? <p className="hdc-subtle">{error.guidance}</p> : null}
      {onRetry && (degraded || error.retryable) ? (
        <button type="button" className="hdc-button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
