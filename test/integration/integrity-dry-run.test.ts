import { failedChecks, integrityChecklist } from '../../src/verification/integrity-checklist';
import { makeAdmin, makeEvent, makeHack, snapshotDomain } from '../helpers/builders';
import { useServicesOnTestDatabase } from '../helpers/test-services';

const suite = useServicesOnTestDatabase();

/** A canonical event with nothing wrong: page, parent, primary admin, synced, submitted hacks. */
async function healthyEvent(name: string) {
  const eventId = await makeEvent(suite.db.sql, { name });
  await makeAdmin(suite.db.sql, eventId, 'dry-admin');
  await makeHack(suite.db.sql, eventId);
  await suite.services.sync.completeAndSync({ accountId: 'dry-admin' }, eventId);
  return eventId;
}

test('each kind of integrity defect is counted, per event and in the summary, in one round trip without writes', async () => {
  await healthyEvent('HDC Auto healthy');
  const noPage = await makeEvent(suite.db.sql, { name: 'HDC Auto no page', pageId: null });
  await makeAdmin(suite.db.sql, noPage, 'dry-admin');
  const noParent = await makeEvent(suite.db.sql, { name: 'hdc auto no parent', parentPageId: null });
  await makeAdmin(suite.db.sql, noParent, 'dry-admin');
  await makeAdmin(suite.db.sql, noParent, 'dry-co', 'co_admin');
  await makeHack(suite.db.sql, noParent);
  await makeHack(suite.db.sql, noParent, { submitted: false });
  await makeEvent(suite.db.sql, { name: 'HDC AUTO no admin' });
  await makeEvent(suite.db.sql, { name: 'Not canonical', pageId: null });

  const before = await snapshotDomain(suite.db.sql);
  const trips = suite.db.rpc.roundTrips;
  const result = await suite.services.verification.dryRun();
  expect(suite.db.rpc.roundTrips - trips).toBe(1);
  expect(await snapshotDomain(suite.db.sql)).toEqual(before);

  expect(result.eventQuery).toBe('HDC Auto');
  expect(result.summary).toEqual({
    events: 4,
    missingPageIds: 1,
    missingParentPageIds: 1,
    noPrimaryAdmin: 1,
    noSyncState: 3,
    noSubmittedHacks: 2,
    totalSubmittedHacks: 2,
    totalHacks: 3,
    totalAuditRows: 1,
  });
  const byName = Object.fromEntries(result.events.map((e) => [e.name, e]));
  expect(byName['HDC Auto healthy']).toMatchObject({
    primaryAdmins: 1,
    coAdmins: 0,
    hasSyncState: true,
    syncStatus: 'complete',
    submittedHacks: 1,
    totalHacks: 1,
    auditRows: 1,
  });
  expect(byName['HDC Auto no page']).toMatchObject({ pageId: null, hasSyncState: false, submittedHacks: 0 });
  expect(byName['hdc auto no parent']).toMatchObject({
    parentPageId: null,
    primaryAdmins: 1,
    coAdmins: 1,
    submittedHacks: 1,
    totalHacks: 2,
  });
  expect(byName['HDC AUTO no admin']).toMatchObject({ primaryAdmins: 0 });
});

test('the event query is a case-insensitive prefix; % and _ are plain characters', async () => {
  await healthyEvent('Spring 100% Hack');
  await healthyEvent('Spring 1000 Hack');
  expect((await suite.services.verification.dryRun('spring 100%')).events.map((e) => e.name)).toEqual([
    'Spring 100% Hack',
  ]);
  expect((await suite.services.verification.dryRun('SPRING')).summary.events).toBe(2);
  expect((await suite.services.verification.dryRun('nothing like it')).summary).toMatchObject({
    events: 0,
    totalSubmittedHacks: 0,
  });
});

describe('one event with zero submitted hacks among healthy ones', () => {
  async function withOneEmptyEvent() {
    await healthyEvent('HDC Auto healthy');
    const empty = await makeEvent(suite.db.sql, { name: 'HDC Auto nothing submitted' });
    await makeAdmin(suite.db.sql, empty, 'dry-admin');
    await makeHack(suite.db.sql, empty, { submitted: false });
    // Synced (a terminal failure): the missing submitted hack is its only defect.
    await suite.services.sync.completeAndSync({ accountId: 'dry-admin' }, empty);
    return empty;
  }

  test('the dry-run names it: the event carries the defect and the checklist fails on it', async () => {
    const empty = await withOneEmptyEvent();
    const result = await suite.services.verification.dryRun();
    expect(result.events.find((e) => e.eventId === empty)?.defects).toEqual(['noSubmittedHacks']);
    expect(result.summary).toMatchObject({ events: 2, noSubmittedHacks: 1, totalSubmittedHacks: 1 });
    expect(failedChecks(integrityChecklist(result.summary))).toEqual([
      { key: 'noSubmittedHacks', label: 'Events without submitted hacks', value: 1, expected: '0', ok: false },
    ]);
  });

  test('the weekly report is FAIL, SEV-2, with the failed item named in the run log, checklist, finding and follow-ups', async () => {
    await withOneEmptyEvent();
    const report = await suite.services.verification.generateReport('test-operator');
    expect(report).toMatchObject({ status: 'FAIL', severity: 'SEV-2' });
    expect(report.runLog[0]).toMatchObject({ check: 'Migration-integrity dry-run', status: 'FAIL' });
    expect(report.integrity.checklist.find((item) => item.key === 'noSubmittedHacks')).toMatchObject({
      value: 1,
      ok: false,
    });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'integrity_regression',
          detail: expect.stringContaining('Events without submitted hacks 1'),
        }),
      ]),
    );
    expect(report.followUps).toEqual(
      expect.arrayContaining([expect.stringContaining('Events without submitted hacks: 1 (expected 0)')]),
    );
  });
});
