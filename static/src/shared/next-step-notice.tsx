import type { LeafNode, TreeOutcome } from '../../../src/contract/sync-decision-tree';
import { Notice } from './notice';
import type { NoticeAppearance } from './notice';

/** Blocked or waiting is a warning, an incident or an escalation an error: the same in every macro. */
const NEXT_STEP_TONE: Record<TreeOutcome, NoticeAppearance> = {
  not_ready: 'information',
  end_early: 'warning',
  run_sync: 'information',
  nothing_to_do: 'success',
  retry_once: 'warning',
  escalate: 'error',
  fix_root_cause: 'error',
  data_quality_incident: 'error',
};

/**
 * An event's next step, as the sync panel and the decision tree both show it: in the step's tone to
 * whom may take it; to anyone else, stated as information, without offering it.
 */
export function NextStepNotice({
  leaf,
  viewerMayAct,
}: {
  leaf: Pick<LeafNode, 'label' | 'explanation' | 'outcome'>;
  viewerMayAct: boolean;
}) {
  if (viewerMayAct) {
    return (
      <Notice appearance={NEXT_STEP_TONE[leaf.outcome]} title={`Next step: ${leaf.label}`}>
        <p>{leaf.explanation}</p>
      </Notice>
    );
  }
  return (
    <Notice appearance="information" title={`Next step for the event's admins: ${leaf.label}`}>
      <p>{leaf.explanation}</p>
      <p className="hdc-subtle">Sync actions are taken by the event's admins; this is where the event stands.</p>
    </Notice>
  );
}
