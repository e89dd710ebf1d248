import { createApp } from '../../src/app/create-app';
import { localDatabaseOver } from '../../src/app/local-database';
import { AppError } from '../../src/shared/app-error';
import { NO_DEADLINE } from '../../src/shared/deadline';
import { openPgExecutor } from '../../src/store/pg-executor';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { TEST_SETTINGS } from '../helpers/test-database';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { TEST_SITE } from '../helpers/test-sites';

const suite = useServicesOnTestDatabase();
const call = (fn: string, args: Record<string, unknown>) =>
  suite.db.rpc.call({ fn, args, effect: 'read', deadline: NO_DEADLINE });

test('a Postgres server that cannot be reached is a transient, retryable error that keeps the password out', async () => {
  // Port 1 on loopback refuses at once: the driver fails without any SQLSTATE.
  const database = localDatabaseOver(openPgExecutor('postgres://hdc:s3cret-password@127.0.0.1:1/hdc'));
  const outbox = new TelemetryOutbox();
  const services = createApp({ rpc: database.rpc, settings: TEST_SETTINGS, outbox, log: () => undefined }).servicesFor({
    site: TEST_SITE,
  });
  try {
    const failure = await services.registry.list({ parentPageId: '100', limit: 10 }).then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    // Nothing answered: the database is down (unavailable), not slow; retryable, and nothing changed.
    expect(failure).toMatchObject({
      code: 'unavailable',
      retryable: true,
      message: expect.stringContaining('nothing was changed'),
    });
    expect((failure as AppError).guidance).toMatch(/try again/i);
    expect(
      JSON.stringify({ message: (failure as AppError).message, guidance: (failure as AppError).guidance }),
    ).not.toContain('s3cret');
    // The lookup never reached the database: its telemetry waits for the next call of the site.
    expect(outbox.size).toBe(1);
  } finally {
    await database.close();
  }
});

test('a missing SQL function means the schema is behind: unavailable, with the migrations as guidance', async () => {
  await expect(call('hdc_not_there', {})).rejects.toMatchObject({
    code: 'unavailable',
    guidance: expect.stringMatching(/apply the migrations \(runbook: Applying migrations\)/),
  });
});

test('a value the database rejects is a validation error that does not echo the database text', async () => {
  const failure = await call('hdc_sync_status', { p_site: TEST_SITE, p_event_id: 'not-a-uuid', p_page_id: null }).catch(
    (error: unknown) => error,
  );
  expect(failure).toMatchObject({ code: 'validation', retryable: false });
  expect((failure as AppError).message).not.toMatch(/uuid/i);
});

test('a site that is not a Confluence site ARI, or none, is refused by the database itself', async () => {
  await expect(call('hdc_operator_list', { p_site: 'ari:cloud:jira::site/x' })).rejects.toMatchObject({
    code: 'validation',
  });
  await expect(call('hdc_operator_list', { p_site: null })).rejects.toMatchObject({
    code: 'validation',
    message: 'No Confluence site given',
  });
});
