import type { OpsConsole } from '../../../../src/contract/console';
import { OpsSummaryPanel } from '../../features/ops-status/ops-summary-panel';
import { OrphanCleanup } from '../../features/orphan-cleanup/orphan-cleanup';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { RelativeTime } from '../../shared/relative-time';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { BackupsSection } from './backups-section';
import { DeliverySection } from './delivery-section';
import { OperatorsSection } from './operators-section';
import { PrivacySection } from './privacy-section';
import './ops-console.css';

const SECTIONS = [
  ['operations-now', 'Operations now'],
  ['backups', 'Backups and drills'],
  ['orphan-cleanup', 'Orphan-page cleanup'],
  ['delivery', 'Where alerts go'],
  ['operators', 'Operators'],
  ['privacy', 'Personal data'],
] as const;

function Sections({ console: overview, reload }: { console: OpsConsole; reload: () => void }) {
  return (
    <>
      <nav className="hdc-console-nav" aria-label="Console sections">
        <ul>
          {SECTIONS.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div id="operations-now">
        <OpsSummaryPanel refreshKey="console" readiness />
      </div>
      <BackupsSection backups={overview.backups} drills={overview.drills} />
      <OrphanCleanup inPage />
      <DeliverySection delivery={overview.delivery} onSaved={reload} />
      <OperatorsSection operators={overview.operators} />
      <PrivacySection privacy={overview.privacy} />
    </>
  );
}

/**
 * hdc-ops-console (Apps → HDC Ops): everything an HDC operator uses, on one page. The backend refuses
 * anyone else on every call; this page only mirrors it, showing the refusal and nothing else.
 */
export function OpsConsolePage() {
  const context = useMacroContext();
  const [overview, reload] = useResolver(context === null ? null : () => callResolver('ops.console', {}), 'console');
  return (
    <main className="hdc-console">
      <header className="hdc-console-header">
        <h1>HDC Ops</h1>
        <p className="hdc-subtle">
          The operators' console
          {overview.phase === 'ready' ? (
            <>
              {' '}
              · as of <RelativeTime iso={overview.data.generatedAt} />
            </>
          ) : null}
        </p>
      </header>
      {overview.phase === 'loading' ? <Loading what="the operators' console" /> : null}
      {overview.phase === 'failed' && overview.error.code === 'forbidden' ? (
        <div data-console-refused>
          <Empty title="Only HDC operators can use this console">
            <p>{overview.error.message}.</p>
            <p className="hdc-subtle">
              An HDC operator can add you (hdc-ops operator add). The page macros — the sync panel, the decision tree,
              the registry and the weekly report — stay on their pages for everyone.
            </p>
          </Empty>
        </div>
      ) : null}
      {overview.phase === 'failed' && overview.error.code !== 'forbidden' ? (
        <ErrorNotice error={overview.error} onRetry={reload} />
      ) : null}
      {overview.phase === 'ready' ? <Sections console={overview.data} reload={reload} /> : null}
    </main>
  );
}
