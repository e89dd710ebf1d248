import Button from '@atlaskit/button/new';
import { NextStepNotice } from '../../shared/next-step-notice';
import { useState } from 'react';
import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { useSyncChanges } from '../../shared/macro-events';
import { ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { DecisionTreeView } from './decision-tree-view';
import './decision-tree.css';

export function DecisionTreeMacro() {
  const context = useMacroContext();
  const pageId = context?.pageId;
  const [wholeTree, setWholeTree] = useState(false);
  const [reply, reload] = useResolver(
    context === null ? null : () => callResolver('sync.tree', pageId === undefined ? {} : { pageId }),
    `tree:${context === null ? '-' : (pageId ?? '')}`,
  );
  // The sync panel beside it changed the event: move along the tree without a reload.
  useSyncChanges(reload);

  if (context === null || reply.phase === 'loading') return <Loading what="the decision tree" />;
  if (reply.phase === 'failed') return <ErrorNotice error={reply.error} onRetry={reload} />;
  const { tree, event, position } = reply.data;
  const leaf = position ? tree.nodes.find((node) => node.id === position.leafId) : undefined;
  const pathOnly = position !== null && !wholeTree;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="tree-heading">
      <header className="hdc-stack">
        <h1 id="tree-heading">Sync-outcome decision tree</h1>
        {event ? (
          <>
            <div className="hdc-row">
              <span>{event.name}</span>
              <LifecycleBadge lifecycle={event.lifecycle} />
              <SyncBadge status={event.status} />
            </div>
            {leaf?.kind === 'leaf' ? <NextStepNotice leaf={leaf} viewerMayAct={event.viewerMayAct} /> : null}
          </>
        ) : (
          <p className="hdc-subtle">
            No event on this page: the whole tree is shown. On an event page the event's path is highlighted.
          </p>
        )}
      </header>
      <DecisionTreeView
        tree={tree}
        path={position?.path ?? []}
        pathOnly={pathOnly}
        viewerMayAct={event?.viewerMayAct ?? true}
      />
      {position !== null ? (
        <div>
          <Button appearance="subtle" aria-expanded={wholeTree} onClick={() => setWholeTree((shown) => !shown)}>
            {wholeTree ? "Show only this event's path" : `Show the whole tree (${tree.nodes.length} steps)`}
          </Button>
        </div>
      ) : null}
    </main>
  );
}
