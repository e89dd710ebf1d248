import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { AlertView } from '../../../../src/contract/alerts';
import type { ErrorBody } from '../../../../src/contract/envelope';
import { ToneLozenge } from '../../shared/badges';
import type { Tone } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { RelativeTime } from '../../shared/relative-time';
import { ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';

const SEVERITY_TONE: Record<AlertView['severity'], Tone> = {
  P0: 'danger',
  P1: 'danger',
  P2: 'warning',
  P3: 'neutral',
};
const STATUS_LABEL: Record<AlertView['status'], string> = {
  firing: 'Firing',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
};

function AlertRow({ alert, onChange }: { alert: AlertView; onChange: () => void }) {
  const [busy, setBusy] = useState<'ack' | 'resolve' | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  async function act(kind: 'ack' | 'resolve') {
    setBusy(kind);
    const reply =
      kind === 'ack'
        ? await callResolver('alerts.ack', { alertId: alert.id })
        : await callResolver('alerts.resolve', { alertId: alert.id });
    setBusy(null);
    setError(reply.ok ? null : reply.error);
    if (reply.ok) onChange();
  }
  const breached = [
    alert.sla.responseBreached ? 'response SLA breached' : null,
    alert.sla.resolutionBreached ? 'resolution SLA breached' : null,
  ].filter((part) => part !== null);
  return (
    <li className="hdc-alert" data-alert-id={alert.id} data-alert-status={alert.status}>
      <div className="hdc-row">
        <ToneLozenge tone={SEVERITY_TONE[alert.severity]}>{alert.severity}</ToneLozenge>
        <ToneLozenge tone={alert.status === 'firing' ? 'warning' : 'information'}>
          {STATUS_LABEL[alert.status]}
        </ToneLozenge>
        <span>{alert.title}</span>
      </div>
      <p className="hdc-subtle">
        Opened <RelativeTime iso={alert.openedAt} />
        {alert.clearSince ? (
          <>
            {' '}
            · clear since <RelativeTime iso={alert.clearSince} />
          </>
        ) : null}
        {breached.length > 0 ? <strong> · {breached.join(', ')}</strong> : null}
        {alert.incidentPageId ? (
          <>
            {' · '}
            <a href={`/wiki/pages/viewpage.action?pageId=${encodeURIComponent(alert.incidentPageId)}`} target="_top">
              Incident page
            </a>
          </>
        ) : null}
      </p>
      <div className="hdc-row">
        {alert.status === 'firing' ? (
          <Button isDisabled={busy !== null} onClick={() => void act('ack')}>
            {busy === 'ack' ? 'Acknowledging…' : 'Acknowledge'}
          </Button>
        ) : null}
        <Button appearance="subtle" isDisabled={busy !== null} onClick={() => void act('resolve')}>
          {busy === 'resolve' ? 'Resolving…' : 'Resolve'}
        </Button>
      </div>
      {error ? <ErrorNotice error={error} /> : null}
    </li>
  );
}

/** The site's open alerts, for HDC operators: acknowledge or resolve each (the backend checks and audits). */
export function AlertList({ refreshKey }: { refreshKey: string }) {
  const [alerts, reload] = useResolver(() => callResolver('alerts.list', {}), `alerts:${refreshKey}`);
  if (alerts.phase === 'loading') return <Loading what="the alerts" />;
  if (alerts.phase === 'failed') return <ErrorNotice error={alerts.error} onRetry={reload} />;
  if (alerts.data.length === 0) return <p className="hdc-subtle">No open alert.</p>;
  return (
    <ul className="hdc-plain-list hdc-stack" aria-label="Open alerts">
      {alerts.data.map((alert) => (
        <AlertRow key={alert.id} alert={alert} onChange={reload} />
      ))}
    </ul>
  );
}
