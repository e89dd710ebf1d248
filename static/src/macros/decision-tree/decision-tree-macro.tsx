import { LifecycleBadge, SyncBadge } from '../../shared/badges';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { DecisionTreeView } from './decision-tree-view';
import './decision-tree.css';

export function DecisionTreeMacro() {
  const context = useMacroContext();
  const pageId = context?.pageId;
  const [reply, reload] = useResolver(
    context === null ? null : () => callResolver('sync.tree', pageId === undefined ? {} : { pageId }),
    `tree:${context === null ? '-' : pageId ?? ''}`,
  );

  if (context === null || reply.phase === 'loading') return <Loading what="the decision tree" />;
  if (reply.phase === 'failed') return <ErrorNotice error={reply.error} onRetry={reload} />;
  const { tree, event, position } = reply.data;
  const leaf = position ? tree.nodes.find((node) => node.id === position.leafId) : undefined;
  return (
    <main className="hdc-card hdc-stack" aria-labelledby="tree-heading">
      <header className="hdc-stack">
        <h1 id="tree-heading">Sync-outcome decision tree</h1>
        {event ? (
          <div className="hdc-row">
            <span>{event.name}</span>
            <LifecycleBadge lifecycle={event.lifecycle} />
            <SyncBadge status={event.status} />
            {leaf ? (
              <span>
                Next step: <strong>{leaf.label}</strong>
              </span>
            ) : null}
          </div>
        ) : (
          <p className="hdc-subtle">No event on this page: the whole tree is shown. On an event page the event's path is highlighted.</p>
        )}
      </header>
      <DecisionTreeView tree={tree} path={position?.path ?? []} />
    </main>
  );
}
