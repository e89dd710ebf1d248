import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import TextField from '@atlaskit/textfield';
import { useState } from 'react';
import type { CleanupPlan, CleanupProgress, CleanupScan } from '../../../../src/contract/cleanup';
import type { Envelope, ErrorBody } from '../../../../src/contract/envelope';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { Notice } from '../../shared/notice';
import { RelativeTime } from '../../shared/relative-time';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { emptySelection, FindingsView, planItemsOf } from './findings-view';
import type { Selection } from './findings-view';
import { PlanHistory, PlanItems, planSummary } from './plan-view';

type Running = { what: 'scan' | 'execute' | 'restore'; progress: number | null; detail: string };

/** Calls a chunked step until it is done, reporting progress; stops at the first error (the caller offers Continue). */
async function drive<T>(step: (previous: T | null) => Promise<Envelope<CleanupProgress<T>>>, report: (progress: CleanupProgress<T>) => void): Promise<{ ok: true; result: T } | { ok: false; error: ErrorBody }> {
  let previous: T | null = null;
  for (;;) {
    const reply = await step(previous);
    if (!reply.ok) return reply;
    report(reply.data);
    if (reply.data.done) return { ok: true, result: reply.data.result };
    previous = reply.data.result;
  }
}

function ProgressRow({ running }: { running: Running }) {
  const label = running.what === 'scan' ? 'Scanning' : running.what === 'execute' ? 'Running the cleanup' : 'Restoring';
  return (
    <div className="hdc-stack" role="status" aria-live="polite">
      <p id="cleanup-progress-label">{label}… {running.detail}</p>
      <ProgressBar ariaLabel={`${label}… ${running.detail}`} {...(running.progress === null ? { isIndeterminate: true } : { value: running.progress })} />
    </div>
  );
}

/** hdc-orphan-cleanup: scan → choose → preview the plan → confirm → watch it run → restore. Operators only (the backend checks). */
export function OrphanCleanupMacro() {
  const context = useMacroContext();
  const [latest, reloadLatest] = useResolver(context === null ? null : () => callResolver('cleanup.scan', { latest: true }), 'latest');
  const [history, reloadHistory] = useResolver(context === null ? null : () => callResolver('cleanup.status', {}), 'history');
  const [scan, setScan] = useState<CleanupScan | null>(null);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [filter, setFilter] = useState('');
  const [plan, setPlan] = useState<CleanupPlan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [failure, setFailure] = useState<{ error: ErrorBody; resume: (() => void) | null } | null>(null);

  if (context === null || latest.phase === 'loading') return <Loading what="the orphan-page cleanup" />;
  if (latest.phase === 'failed') return <ErrorNotice error={latest.error} onRetry={reloadLatest} />;
  const shown = scan ?? latest.data.result;
  const busy = running !== null;

  async function runScan(resumeId?: number) {
    setFailure(null);
    setPlan(null);
    setRunning({ what: 'scan', progress: null, detail: '' });
    const outcome = await drive<CleanupScan | null>(
      (previous) => callResolver('cleanup.scan', previous?.scanId ?? resumeId ? { scanId: previous?.scanId ?? resumeId } : {}),
      (progress) => setRunning({ what: 'scan', progress: progress.progress, detail: progress.result ? `${progress.result.pagesSeen} page(s) read` : '' }),
    );
    setRunning(null);
    if (!outcome.ok) {
      setFailure({ error: outcome.error, resume: () => void runScan(resumeId) });
      return;
    }
    setScan(outcome.result);
    setSelection(emptySelection);
  }

  async function makePlan(current: CleanupScan) {
    setFailure(null);
    const reply = await callResolver('cleanup.plan', { scanId: current.scanId, items: planItemsOf(selection) });
    if (!reply.ok) {
      setFailure({ error: reply.error, resume: null });
      return;
    }
    setPlan(reply.data);
  }

  async function run(what: 'execute' | 'restore', target: CleanupPlan) {
    setConfirming(false);
    setFailure(null);
    setRunning({ what, progress: 0, detail: '' });
    const outcome = await drive<CleanupPlan>(
      () => (what === 'execute' ? callResolver('cleanup.execute', { planId: target.planId, hash: target.hash }) : callResolver('cleanup.restore', { planId: target.planId })),
      (progress) => {
        setRunning({ what, progress: progress.progress, detail: progress.progress === null ? '' : `${Math.round(progress.progress * 100)} %` });
        setPlan(progress.result);
      },
    );
    setRunning(null);
    reloadHistory();
    if (!outcome.ok) {
      setFailure({ error: outcome.error, resume: () => void run(what, target) });
      return;
    }
    setPlan(outcome.result);
  }

  const selected = planItemsOf(selection).length;
  const total = shown?.counts ? shown.counts.orphanPages + shown.counts.danglingEvents + shown.counts.duplicateReferences : 0;

  return (
    <main className="hdc-card hdc-stack" aria-labelledby="cleanup-heading">
      <div className="hdc-row">
        <h2 id="cleanup-heading">Orphan-page cleanup</h2>
        <Button appearance="primary" isDisabled={busy} onClick={() => void runScan()}>
          {shown ? 'Scan again' : 'Scan now'}
        </Button>
        {shown?.status === 'listing' ? <Button isDisabled={busy} onClick={() => void runScan(shown.scanId)}>Resume scan</Button> : null}
      </div>
      {running ? <ProgressRow running={running} /> : null}
      {failure ? <ErrorNotice error={failure.error} {...(failure.resume ? { onRetry: failure.resume } : {})} /> : null}
      {shown === null ? (
        <Empty title="No scan yet">
          <p>Scan the pages under the HDC parent page to find orphan pages, dangling events and duplicate references.</p>
        </Empty>
      ) : shown.counts === undefined ? (
        <p className="hdc-subtle">Scan {shown.scanId} is unfinished ({shown.pagesSeen} page(s) read): resume it or scan again.</p>
      ) : (
        <>
          <p className="hdc-subtle">
            Scan of {shown.counts.pages} page(s) and {shown.counts.events} event(s), {shown.finishedAt ? <RelativeTime iso={shown.finishedAt} /> : null}
            {shown.trigger === 'scheduled' ? ' (weekly scheduled scan)' : ` by ${shown.startedBy}`}.
          </p>
          {shown.canDelete === false ? (
            <Notice appearance="warning" title="View only">
              <p>You may view but not delete pages in this space: Confluence will refuse to trash them.</p>
            </Notice>
          ) : null}
          {total === 0 ? (
            <Empty title="No orphans">
              <p>Every page under the HDC parent belongs to an event, and every event's page is in place.</p>
            </Empty>
          ) : (
            <>
              <div className="hdc-row">
                <label htmlFor="cleanup-filter">Filter</label>
                <div className="hdc-grow">
                  <TextField id="cleanup-filter" type="search" value={filter} onChange={(change) => setFilter(change.currentTarget.value)} />
                </div>
              </div>
              <FindingsView scan={shown} filter={filter} selection={selection} onChange={(next) => { setSelection(next); setPlan(null); }} />
              <div className="hdc-row">
                <Button appearance="primary" isDisabled={busy || selected === 0} onClick={() => void makePlan(shown)}>
                  Preview plan ({selected})
                </Button>
              </div>
            </>
          )}
        </>
      )}
      {plan ? (
        <section className="hdc-section hdc-stack" aria-labelledby="plan-heading">
          <h3 id="plan-heading">{plan.status === 'planned' ? 'Plan preview' : 'Cleanup results'}</h3>
          {plan.status === 'planned' ? <p>This plan will {planSummary(plan)}, as {plan.createdBy}. Confluence's own permissions apply. Nothing has changed yet.</p> : null}
          <PlanItems plan={plan} />
          <p className="hdc-subtlest">Plan {plan.planId} · hash {plan.hash.slice(0, 12)}…</p>
          {plan.status === 'planned' && !confirming ? (
            <div>
              <Button appearance="warning" isDisabled={busy} onClick={() => setConfirming(true)}>Run this plan…</Button>
            </div>
          ) : null}
          <ConfirmDialog
            isOpen={confirming}
            heading="Run the cleanup?"
            confirmLabel={`Yes, ${planSummary(plan)}`}
            appearance="warning"
            onClose={() => setConfirming(false)}
            onConfirm={() => void run('execute', plan)}
          >
            <p>HDC Ops will {planSummary(plan)} ({(plan.items ?? []).length} item(s)). Pages go to the Confluence trash; you can restore everything from the history below.</p>
          </ConfirmDialog>
        </section>
      ) : null}
      <section className="hdc-section" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        {history.phase === 'loading' ? <Loading what="the history" /> : history.phase === 'failed' ? <ErrorNotice error={history.error} onRetry={reloadHistory} /> : (
          <PlanHistory plans={history.data} busy={busy} onRestore={(target) => void run('restore', target)} onResume={(target) => void run('execute', target)} />
        )}
      </section>
    </main>
  );
}
