import { TEST_SETTINGS } from '../helpers/test-database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import type { CleanupJob } from '../../src/contract/cleanup';
import { AppError } from '../../src/shared/app-error';
import { buildCleanupJobConsumer } from '../../src/forge/cleanup-job-consumer';
import { buildOrphanScanTrigger } from '../../src/forge/scheduled-handlers';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { untilDone, useCleanupFixture } from '../helpers/cleanup-fixture';
import { TEST_SITE } from '../helpers/test-sites';

// Long cleanup work runs as jobs on Forge's queue (emulated: the test drains it through the real
// consumer): each event is one bounded step that queues the next, so a job ends with nobody waiting.
const operator = { accountId: DEMO_ACCOUNTS.operator };

describe('a tree too large for one step', () => {
  // Steps of under 10 s and 150 ms per Confluence request: a few requests a step.
  const suite = useCleanupFixture({ latencyMs: 150, stepMs: 9_600 });

  test('is scanned over several steps, each queuing the next, and the job finishes reading the listing once', async () => {
    suite.fixture.site.add(
      ...Array.from({ length: 2_400 }, (_, i) => ({
        id: String(3_000_000 + i),
        title: `Stray ${i}`,
        status: 'current' as const,
        parentId: DEMO_PARENT_PAGE_ID,
      })),
    );
    const jobs = suite.fixture.services().cleanupJobs;
    const started = await jobs.start(operator, { kind: 'scan' });
    const delivered = await suite.fixture.queue.drain();
    const [done] = await jobs.status(operator, { jobId: started.jobId });
    expect(delivered).toBeGreaterThan(1);
    expect(done).toMatchObject({ status: 'done', steps: delivered, detail: { counts: { orphanPages: 2_405 } } });
    // ceil(2,417 / 250) descendants requests in all: no page of the listing was read twice.
    expect(suite.fixture.confluence.api.stats.byRoute['GET /pages/{id}/descendants']).toBe(10);
  }, 120_000);
});

describe('cleanup jobs', () => {
  const suite = useCleanupFixture({ latencyMs: 2 });
  /** The app as a Forge handler sees it: the fixture's services, the demo's parent page configured. */
  const fixtureApp = () =>
    Promise.resolve({
      servicesFor: () => suite.fixture.services(),
      settings: { ...TEST_SETTINGS, parentPageId: DEMO_PARENT_PAGE_ID },
    });

  const jobs = () => suite.fixture.services().cleanupJobs;
  const jobOf = async (jobId: string): Promise<CleanupJob> => (await jobs().status(operator, { jobId }))[0]!;

  test('a scan job runs to the end on the queue, with no caller waiting, and its findings are the latest scan', async () => {
    const started = await jobs().start(operator, { kind: 'scan', parentPageId: DEMO_PARENT_PAGE_ID });
    expect(started).toMatchObject({ kind: 'scan', status: 'queued', requestedBy: operator.accountId, steps: 0 });
    expect(suite.fixture.queue.pending).toBe(1);
    expect(await suite.fixture.queue.drain()).toBe(1);
    const done = await jobOf(started.jobId);
    expect(done).toMatchObject({
      status: 'done',
      steps: 1,
      progress: 1,
      error: null,
      detail: { counts: { orphanPages: 5 } },
    });
    const latest = await suite.fixture.services().cleanup.latestScan(operator);
    expect(latest).toMatchObject({ scanId: done.scanId, status: 'complete' });
    expect(
      await suite.db.sql.query(`select action, actor from ops_audit_log where action = 'cleanup_job_started'`),
    ).toEqual([{ action: 'cleanup_job_started', actor: operator.accountId }]);
  });

  test('one scan per site at a time: a second start gets the running job; a stuck one is taken over and finishes', async () => {
    const first = await jobs().start(operator, { kind: 'scan' });
    const trigger = buildOrphanScanTrigger({
      app: fixtureApp,
      log: () => undefined,
    });
    expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
    const second = await jobs().start(operator, { kind: 'scan' });
    expect(second.jobId).toBe(first.jobId);
    expect(suite.fixture.queue.pending).toBe(1);
    // A fresh job is not taken over: nothing more is queued.
    expect(await jobs().start(operator, { kind: 'scan' })).toMatchObject({ jobId: first.jobId, status: 'queued' });
    expect(suite.fixture.queue.pending).toBe(1);
    // Its runner died mid-step: the event is gone and no step came for longer than the stale limit.
    suite.fixture.queue.lose();
    await suite.db.sql.query(
      `update cleanup_job set status = 'running', steps = 1, updated_at = now() - interval '11 minutes' where id = $1`,
      [first.jobId],
    );
    const takenOver = await jobs().start(operator, { kind: 'scan' });
    expect(takenOver).toMatchObject({ jobId: first.jobId, status: 'queued' });
    await suite.fixture.queue.drain();
    expect(await jobOf(first.jobId)).toMatchObject({ status: 'done' });
    expect(await suite.db.sql.query(`select count(*)::int as n from cleanup_job`)).toEqual([{ n: 1 }]);
  });

  test('an execution and a restore as jobs: the plan runs to the end; a wrong confirmation is refused before anything is queued', async () => {
    const scan = (await untilDone(() => suite.fixture.services().cleanup.scan(operator, {}))).result;
    const plan = await suite.fixture.services().cleanup.plan(operator, {
      scanId: scan.scanId,
      items: [DEMO_ORPHANS.child, DEMO_ORPHANS.withChild].map((pageId) => ({ action: 'trash' as const, pageId })),
    });
    await expect(
      jobs().start(operator, { kind: 'execute', planId: plan.planId, hash: 'f'.repeat(64) }),
    ).rejects.toMatchObject({ code: 'validation' });
    expect(suite.fixture.queue.pending).toBe(0);
    const executing = await jobs().start(operator, { kind: 'execute', planId: plan.planId, hash: plan.hash });
    // A restore of the same plan meanwhile is refused.
    await expect(jobs().start(operator, { kind: 'restore', planId: plan.planId })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is being executed'),
    });
    await suite.fixture.queue.drain();
    expect(await jobOf(executing.jobId)).toMatchObject({
      status: 'done',
      detail: { planStatus: 'executed', counts: { done: 2 } },
    });
    expect(suite.fixture.site.page(DEMO_ORPHANS.withChild)?.status).toBe('trashed');
    const restoring = await jobs().start(operator, { kind: 'restore', planId: plan.planId });
    await suite.fixture.queue.drain();
    expect(await jobOf(restoring.jobId)).toMatchObject({ status: 'done', detail: { planStatus: 'restored' } });
    expect(suite.fixture.site.page(DEMO_ORPHANS.child)).toMatchObject({
      status: 'current',
      parentId: DEMO_ORPHANS.withChild,
    });
  });

  test('a site whose plan has an execution job is backed up and restored with its jobs (their plan no longer blocks the restore)', async () => {
    const scan = (await untilDone(() => suite.fixture.services().cleanup.scan(operator, {}))).result;
    const plan = await suite.fixture.services().cleanup.plan(operator, {
      scanId: scan.scanId,
      items: [{ action: 'trash' as const, pageId: DEMO_ORPHANS.child }],
    });
    const executing = await jobs().start(operator, { kind: 'execute', planId: plan.planId, hash: plan.hash });
    await suite.fixture.queue.drain();
    const dir = mkdtempSync(join(tmpdir(), 'hdc-jobs-backup-'));
    try {
      const recovery = suite.fixture.services().recovery;
      const taken = await recovery.backup({
        file: join(dir, 'with-jobs.hdcbak.gz'),
        actor: 'cli:test',
        kind: 'manual',
        includeTelemetry: true,
      });
      expect(taken.manifest.tables).toContainEqual(expect.objectContaining({ name: 'cleanup_job', rows: 1 }));
      const restored = await recovery.restore(await recovery.planRestore(taken.file), {
        actor: 'cli:test',
        replace: true,
        automaticBackupFile: () => join(dir, 'pre-restore.hdcbak.gz'),
      });
      expect(restored.applied.verified).toBe(true);
      expect(await jobOf(executing.jobId)).toMatchObject({ status: 'done', detail: { planStatus: 'executed' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a cancelled job stops at its next step, audited; a non-operator can neither start nor cancel one', async () => {
    const started = await jobs().start(operator, { kind: 'scan' });
    await expect(jobs().start({ accountId: DEMO_ACCOUNTS.nonAdmin }, { kind: 'scan' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(jobs().cancel({ accountId: DEMO_ACCOUNTS.nonAdmin }, started.jobId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await jobs().cancel(operator, started.jobId)).toMatchObject({
      status: 'cancelled',
      cancelRequestedBy: operator.accountId,
    });
    await suite.fixture.queue.drain();
    expect(await jobOf(started.jobId)).toMatchObject({ status: 'cancelled', steps: 0 });
    expect(suite.fixture.confluence.api.stats.requests).toBe(0);
    expect(
      await suite.db.sql.query(`select count(*)::int as n from ops_audit_log where action = 'cleanup_job_cancelled'`),
    ).toEqual([{ n: 1 }]);
  });

  test('Confluence down mid-job: each step records the outage and is tried again; after five it fails, and the scheduled run says so', async () => {
    const trigger = buildOrphanScanTrigger({
      app: fixtureApp,
      log: () => undefined,
    });
    expect(await trigger({}, { installContext: TEST_SITE })).toEqual({ statusCode: 200 });
    const [job] = await jobs().status(operator, {});
    suite.fixture.confluence.api.settings.rateLimitShare = 1;
    suite.fixture.confluence.api.settings.retryAfterSeconds = 0;
    await suite.fixture.queue.drain();
    const failed = await jobOf(job!.jobId);
    expect(failed).toMatchObject({
      status: 'failed',
      steps: 5,
      requestedBy: null,
      error: { code: 'transient', attempts: 5 },
    });
    expect(await suite.db.sql.query(`select job, status, error_code from scheduled_run`)).toEqual([
      { job: 'orphan_scan', status: 'failed', error_code: 'transient' },
    ]);
    // Five attempts, one scan: each step resumed the job's scan instead of starting another.
    expect(await suite.db.sql.query(`select count(*)::int as n from cleanup_scan`)).toEqual([{ n: 1 }]);
    // Confluence back: the schedule's next run starts a new scan, which finishes and records its run.
    suite.fixture.confluence.api.settings.rateLimitShare = 0;
    await trigger({}, { installContext: TEST_SITE });
    await suite.fixture.queue.drain();
    expect(
      await suite.db.sql.query(
        `select status, detail -> 'counts' ->> 'orphanPages' as orphans from scheduled_run where status = 'ok'`,
      ),
    ).toEqual([{ status: 'ok', orphans: '5' }]);
    // The next job resumed the unfinished scan: none is left listing.
    expect(
      await suite.db.sql.query(
        `select count(*)::int as n, count(*) filter (where status = 'listing')::int as listing from cleanup_scan`,
      ),
    ).toEqual([{ n: 1, listing: 0 }]);
  }, 60_000);

  test('a step runs as the person who queued the job, as the runtime says, never as the event body says', async () => {
    const started = await jobs().start(operator, { kind: 'scan' });
    const consumer = buildCleanupJobConsumer({
      app: fixtureApp,
      log: () => undefined,
    });
    await consumer(
      { body: { jobId: started.jobId } },
      { installContext: TEST_SITE, principal: { accountId: DEMO_ACCOUNTS.nonAdmin } },
    );
    expect(await jobOf(started.jobId)).toMatchObject({
      status: 'failed',
      error: {
        code: 'forbidden',
        message: `This job was started by ${operator.accountId}, but its step ran as ${DEMO_ACCOUNTS.nonAdmin}`,
      },
    });
    // An event that names no job, or more than a job, is ignored.
    await consumer({ body: { jobId: started.jobId, accountId: operator.accountId } }, { installContext: TEST_SITE });
    expect(suite.fixture.confluence.api.stats.requests).toBe(0);
  });
});

describe('a queue that does not take the job', () => {
  const suite = useCleanupFixture();

  test("the start fails with the queue's error, the job is ended, and starting again makes a new one", async () => {
    const queue = suite.fixture.queue;
    const push = queue.push.bind(queue);
    queue.push = () =>
      Promise.reject(new AppError('transient', "Forge's queue did not take the job's next step", { retryable: true }));
    const jobs = suite.fixture.services().cleanupJobs;
    await expect(jobs.start(operator, { kind: 'scan' })).rejects.toMatchObject({ code: 'transient' });
    const [ended] = await jobs.status(operator, {});
    expect(ended).toMatchObject({ status: 'failed', error: { code: 'transient' } });
    queue.push = push;
    const again = await jobs.start(operator, { kind: 'scan' });
    expect(again.jobId).not.toBe(ended!.jobId);
    await queue.drain();
    expect((await jobs.status(operator, { jobId: again.jobId }))[0]).toMatchObject({ status: 'done' });
  });
});
