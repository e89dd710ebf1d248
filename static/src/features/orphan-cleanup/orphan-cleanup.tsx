import { countOf } from '../../../../src/contract/plural';
import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { CleanupJob, CleanupPlan, CleanupScan } from '../../../../src/contract/cleanup';
import type { ErrorBody } from '../../../../src/contract/envelope';
import { callResolver } from '../../shared/backend';
import { useMacroContext } from '../../shared/macro-context';
import { confirmAction } from '../../shared/confirmation';
import { useDisplayNames } from '../../shared/display-names';
import { Notice } from '../../shared/notice';
import { RelativeTime } from '../../shared/relative-time';
import { Empty, ErrorNotice, Loading } from '../../shared/status-views';
import { useResolver } from '../../shared/use-resolver';
import { emptySelection, FindingsView, planItemsOf } from './findings-view';
import type { Selection } from './findings-view';
import { PlanHistory, PlanItems, planSummary } from './plan-view';
import { isActive, JOB_LABEL, JobRow } from './job-row';

/** How often an open page asks how a background job is doing. */
const POLL_MS = 1500;

/**
 * The orphan-page cleanup (the hdc-orphan-cleanup macro, and with `inPage` a section of the operators'
 * console): scan → choose → preview the plan → confirm → watch it run → restore. Operators only (the
 * backend checks).
 */
export function OrphanCleanup({ inPage = false }: { inPage?: boolean }) {
  const context = useMacroContext();
  const [latest, reloadLatest] = useResolver(
    context === null ? null : () => callResolver('cleanup.latestScan', {}),
    'latest',
  );
  const [history, reloadHistory] = useResolver(
    context === null ? null : () => callResolver('cleanup.plans', {}),
    'history',
  );
  const [scan, setScan] = useState<CleanupScan | null>(null);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [filter, setFilter] = useState('');
  const [plan, setPlan] = useState<CleanupPlan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [job, setJob] = useState<CleanupJob | null>(null);
  const [failure, setFailure] = useState<{ error: ErrorBody; resume: (() => void) | null } | null>(null);
  const [jobs] = useResolver(context === null ? null : () => callResolver('jobs.status', { limit: 5 }), 'jobs');
  const nameOf = useDisplayNames([
    ...(job?.requestedBy ? [job.requestedBy] : []),
    ...(plan ? [plan.createdBy, plan.executedBy, plan.restoredBy].filter((id): id is string => id !== null) : []),
    ...(history.phase === 'ready' ? history.data.flatMap((p) => [p.executedBy ?? p.createdBy]) : []),
    ...(latest.phase === 'ready' && latest.data ? [latest.data.startedBy] : []),
  ]);

  // A job someone started (here, in another tab, or the weekly schedule) is shown while it runs.
  const opened = jobs.phase === 'ready' ? (jobs.data.find(isActive) ?? null) : null;
  useEffect(() => {
    if (opened !== null) setJob((current) => current ?? opened);
  }, [opened?.jobId]);

  // While a job is active, ask how it is doing; when it ends, show what it did.
  const watched = job !== null && isActive(job) ? job.jobId : null;
  useEffect(() => {
    if (watched === null) return;
    let current = true;
    const timer = setInterval(() => {
      void callResolver('jobs.status', { jobId: watched }).then(async (reply) => {
        if (!current) return;
        if (!reply.ok) {
          setFailure({ error: reply.error, resume: null });
          return;
        }
        const [next] = reply.data;
        if (next === undefined) return;
        setJob(next);
        if (!isActive(next)) await finished(next);
      });
    }, POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [watched]);

  if (context === null || latest.phase === 'loading') return <Loading what="the orphan-page cleanup" />;
  if (latest.phase === 'failed') return <ErrorNotice error={latest.error} onRetry={reloadLatest} />;
  const shown = scan ?? latest.data;
  const busy = job !== null && isActive(job);

  /** A job ended: the findings, the plan and the history as they are now. */
  async function finished(ended: CleanupJob) {
    if (ended.status === 'failed' && ended.error) {
      setFailure({
        error: {
          code: ended.error.code as ErrorBody['code'],
          message: ended.error.message,
          ...(ended.error.guidance ? { guidance: ended.error.guidance } : {}),
        },
        resume: null,
      });
    }
    if (ended.kind === 'scan') {
      setScan(null);
      setSelection(emptySelection);
    } else if (ended.planId !== null) {
      const reply = await callResolver('cleanup.plans', { planId: ended.planId });
      if (reply.ok && reply.data[0]) setPlan(reply.data[0]);
    }
    reloadLatest();
    reloadHistory();
  }

  /** Running a plan trashes pages: Confluence's own dialog asks first. */
  async function confirmRun(planned: CleanupPlan) {
    setConfirming(true);
    const confirmed = await confirmAction({
      heading: 'Run the cleanup?',
      confirmLabel: 'Run the cleanup',
      appearance: 'warning',
      paragraphs: [
        `HDC Ops will ${planSummary(planned)}. Pages go to the Confluence trash; you can restore everything from the history below. It runs in the background: you may close this page.`,
      ],
    }).catch(() => false);
    if (confirmed) await start({ kind: 'execute', planId: planned.planId, hash: planned.hash });
    else setConfirming(false);
  }

  async function start(payload: Parameters<typeof callResolver<'jobs.start'>>[1]) {
    setConfirming(false);
    setFailure(null);
    const reply = await callResolver('jobs.start', payload);
    if (!reply.ok) {
      setFailure({ error: reply.error, resume: () => void start(payload) });
      return;
    }
    setJob(reply.data);
  }

  async function cancel(target: CleanupJob) {
    const reply = await callResolver('jobs.cancel', { jobId: target.jobId });
    if (reply.ok) setJob(reply.data);
    else setFailure({ error: reply.error, resume: null });
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

  const selected = planItemsOf(selection).length;
  const total = shown?.counts
    ? shown.counts.orphanPages + shown.counts.danglingEvents + shown.counts.duplicateReferences
    : 0;

  // The macro's frame holds only the cleanup (its main landmark); in the console it is one section of the page.
  const Landmark = inPage ? 'section' : 'main';
  return (
    <Landmark
      className="hdc-card hdc-stack"
      aria-labelledby="cleanup-heading"
      id={inPage ? 'orphan-cleanup' : undefined}
    >
      <div className="hdc-row">
        <h2 id="cleanup-heading">Orphan-page cleanup</h2>
        <Button appearance="primary" isDisabled={busy} onClick={() => void start({ kind: 'scan' })}>
          {shown ? 'Scan again' : 'Scan now'}
        </Button>
      </div>
      {job && isActive(job) ? <JobRow job={job} nameOf={nameOf} onCancel={() => void cancel(job)} /> : null}
      {job && job.status === 'cancelled' ? (
        <Notice appearance="information" title="Cancelled">
          <p>
            {JOB_LABEL[job.kind]} was cancelled by {nameOf(job.cancelRequestedBy ?? '')} after {job.steps} step
            {job.steps === 1 ? '' : 's'}; what it did is kept.
          </p>
        </Notice>
      ) : null}
      {failure ? <ErrorNotice error={failure.error} {...(failure.resume ? { onRetry: failure.resume } : {})} /> : null}
      {shown === null ? (
        <Empty title="No scan yet">
          <p>
            Scan the pages under the HDC parent page to find orphan pages, dangling events and duplicate references.
          </p>
        </Empty>
      ) : shown.counts === undefined ? (
        <p className="hdc-subtle">
          Scan {shown.scanId} is unfinished ({shown.pagesSeen} pages read): scan again to finish it.
        </p>
      ) : (
        <>
          <p className="hdc-subtle">
            Scan of {countOf(shown.counts.pages, 'page', 'pages')} and {countOf(shown.counts.events, 'event', 'events')}
            , {shown.finishedAt ? <RelativeTime iso={shown.finishedAt} /> : null}
            {shown.trigger === 'scheduled' ? ' (weekly scheduled scan)' : ` by ${nameOf(shown.startedBy)}`}.
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
                  <TextField
                    id="cleanup-filter"
                    type="search"
                    value={filter}
                    onChange={(change) => setFilter(change.currentTarget.value)}
                  />
                </div>
              </div>
              <FindingsView
                scan={shown}
                filter={filter}
                selection={selection}
                onChange={(next) => {
                  setSelection(next);
                  setPlan(null);
                }}
              />
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
          {plan.status === 'planned' ? (
            <p>
              This plan will {planSummary(plan)}, as {nameOf(plan.createdBy)}. Confluence's own permissions apply.
              Nothing has changed yet.
            </p>
          ) : null}
          <PlanItems plan={plan} />
          <p className="hdc-subtlest">
            Plan {plan.planId} · hash {plan.hash.slice(0, 12)}…
          </p>
          {plan.status === 'planned' && !confirming ? (
            <div>
              <Button appearance="warning" isDisabled={busy} onClick={() => void confirmRun(plan)}>
                Run this plan…
              </Button>
            </div>
          ) : null}
        </section>
      ) : null}
      <section className="hdc-section" aria-labelledby="history-heading">
        <h3 id="history-heading">History</h3>
        {history.phase === 'loading' ? (
          <Loading what="the history" />
        ) : history.phase === 'failed' ? (
          <ErrorNotice error={history.error} onRetry={reloadHistory} />
        ) : (
          <PlanHistory
            plans={history.data.filter((entry) => entry.status !== 'planned')}
            busy={busy}
            nameOf={nameOf}
            onRestore={(target) => void start({ kind: 'restore', planId: target.planId })}
            onResume={(target) => void start({ kind: 'execute', planId: target.planId, hash: target.hash })}
          />
        )}
      </section>
    </Landmark>
  );
}
