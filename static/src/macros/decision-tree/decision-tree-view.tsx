import Lozenge from '@atlaskit/lozenge';
import { SYNC_ACTION_LABEL as ACTION_LABEL } from '../../../../src/contract/sync-decision-tree';
import type { SyncDecisionTree, TreeNode } from '../../../../src/contract/sync-decision-tree';

interface Props {
  tree: SyncDecisionTree;
  path: readonly string[];
  pathOnly?: boolean;
  /** The viewer is one of the event's admins (or no event is shown); otherwise steps are stated as the admins'. */
  viewerMayAct?: boolean;
}

/** The tree as nested lists, the event's path and node highlighted; `pathOnly` draws just that path. */
export function DecisionTreeView({ tree, path, pathOnly = false, viewerMayAct = true }: Props) {
  const allowedLabel = viewerMayAct ? 'Allowed' : "Allowed to the event's admins";
  const byId = new Map(tree.nodes.map((node) => [node.id, node]));
  const root = byId.get(tree.rootId);
  if (root === undefined) return null;
  return (
    <ul className="hdc-tree" aria-label="Sync-outcome decision tree">
      <NodeItem node={root} byId={byId} path={path} edge={null} pathOnly={pathOnly} allowedLabel={allowedLabel} />
    </ul>
  );
}

function NodeItem({
  node,
  byId,
  path,
  edge,
  pathOnly,
  allowedLabel,
}: {
  node: TreeNode;
  byId: Map<string, TreeNode>;
  path: readonly string[];
  edge: string | null;
  pathOnly: boolean;
  allowedLabel: string;
}) {
  const onPath = path.includes(node.id);
  const current = path.at(-1) === node.id;
  const className = [
    'hdc-tree-node',
    `hdc-tree-${node.kind}`,
    onPath ? 'hdc-tree-on-path' : '',
    current ? 'hdc-tree-current' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li>
      {edge ? <span className="hdc-tree-edge">{edge}</span> : null}
      <div
        className={className}
        data-node-id={node.id}
        data-on-path={onPath}
        aria-current={current ? 'step' : undefined}
      >
        <p className="hdc-tree-label">
          {node.kind === 'question' ? (
            <span className="hdc-visually-hidden">Question: </span>
          ) : (
            <span className="hdc-visually-hidden">Action: </span>
          )}
          {node.label}
          {current ? (
            <span className="hdc-tree-here">
              <Lozenge appearance="inprogress">This event</Lozenge>
            </span>
          ) : null}
          {onPath && !current ? <span className="hdc-visually-hidden"> (on this event's path)</span> : null}
        </p>
        <p className="hdc-subtle">{node.explanation}</p>
        {node.kind === 'leaf' ? (
          <p className="hdc-subtlest">
            {allowedLabel}:{' '}
            {node.allowedActions.length === 0
              ? 'no sync action'
              : node.allowedActions.map((a) => ACTION_LABEL[a]).join(', ')}
          </p>
        ) : null}
      </div>
      {node.kind === 'question' ? (
        <ul>
          {node.branches
            .filter((branch) => !pathOnly || path.includes(branch.to))
            .map((branch) => {
              const child = byId.get(branch.to);
              return child ? (
                <NodeItem
                  key={branch.to}
                  node={child}
                  byId={byId}
                  path={path}
                  edge={branch.label}
                  pathOnly={pathOnly}
                  allowedLabel={allowedLabel}
                />
              ) : null;
            })}
        </ul>
      ) : null}
    </li>
  );
}
