import { countOf } from '../../../../src/contract/plural';
import type { PrivacyStatus } from '../../../../src/contract/privacy';
import { ToneLozenge } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';

/** The personal data report's status: the last pass, one in progress, the last failure (counts only). */
export function PrivacySection({ privacy }: { privacy: PrivacyStatus }) {
  const last = privacy.lastOutcome;
  return (
    <section id="privacy" className="hdc-section" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Personal data</h2>
      <dl className="hdc-facts" data-privacy-status>
        <dt>Last report</dt>
        <dd>
          {last === null ? (
            'None completed yet: the daily privacy report reports every stored account to Atlassian at least weekly'
          ) : (
            <>
              Completed <RelativeTime iso={last.finishedAt} />: {countOf(last.reported, 'account', 'accounts')}{' '}
              reported, {last.closed} closed and erased, {last.updated} updated
            </>
          )}
        </dd>
        <dt>In progress</dt>
        <dd>
          {privacy.inProgress === null ? (
            'No'
          ) : (
            <>
              Started <RelativeTime iso={privacy.inProgress.startedAt} />,{' '}
              {countOf(privacy.inProgress.reported, 'account', 'accounts')} reported so far; the next run goes on
            </>
          )}
        </dd>
        <dt>Last problem</dt>
        <dd>
          {privacy.lastError === null ? (
            'None'
          ) : (
            <>
              <ToneLozenge tone="warning">Stopped</ToneLozenge> <RelativeTime iso={privacy.lastError.at} />:{' '}
              {privacy.lastError.message}
            </>
          )}
        </dd>
      </dl>
      <p className="hdc-subtle">
        Closed accounts are erased from every table of this site in the same run; an operator can erase one on request
        with hdc-ops privacy erase (runbook: Personal data).
      </p>
    </section>
  );
}
