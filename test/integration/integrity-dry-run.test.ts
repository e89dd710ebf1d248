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
  expect(byName['HDC Auto healthy']).toMatchObject({ primaryAdmins: 1, coAdmins: 0, hasSyncState: true, syncStatus: 'complete', submittedHacks: 1, totalHacks: 1, auditRows: 1 });
  expect(byName['HDC Auto no page']).toMatchObject({ pageId: null, hasSyncState: false, submittedHacks: 0 });
  expect(byName['hdc auto no parent']).toMatchObject({ parentPageId: null, primaryAdmins: 1, coAdmins: 1, submittedHacks: 1, totalHacks: 2 });
  expect(byName['HDC AUTO no admin']).toMatchObject({ primaryAdmins: 0 });
});

test('the event query is a case-insensitive prefix; % and _ are plain characters', async () => {
  await healthyEvent('Spring 100% Hack');
  await healthyEvent('Spring 1000 Hack');
  expect((await suite.services.verification.dryRun('spring 100%')).events.map((e) => e.name)).toEqual(['Spring 100% Hack']);
  expect((await suite.services.verification.dryRun('SPRING')).summary.events).toBe(2);
  expect((await suite.services.verification.dryRun('nothing like it')).summary).toMatchObject({ events: 0, totalSubmittedHacks: 0 });
});
