import { countOf } from '../contract/plural';
import type { PrivacyStatus } from '../contract/privacy';

/** The privacy report's status as the CLI says it (the ops summary and `hdc-ops privacy report`). */
export function privacyStatusLine(privacy: PrivacyStatus): string {
  const last = privacy.lastOutcome;
  const done =
    last === null
      ? 'none completed yet'
      : `completed ${last.finishedAt}: ${countOf(last.reported, 'account', 'accounts')} reported, ${last.closed} closed (erased), ${last.updated} updated`;
  const progress =
    privacy.inProgress === null
      ? ''
      : `; a pass in progress since ${privacy.inProgress.startedAt}, ${privacy.inProgress.reported} reported so far`;
  const stopped =
    privacy.lastError === null ? '' : `; last run stopped ${privacy.lastError.at}: ${privacy.lastError.message}`;
  return `${done}${progress}${stopped}`;
}
