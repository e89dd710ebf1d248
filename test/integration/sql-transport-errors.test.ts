import { createAppServices } from '../../src/app/app-services';
import { AppError } from '../../src/shared/app-error';
import { openSqlStore } from '../../src/store/open-store';
import { openPgExecutor } from '../../src/store/pg-executor';
import { TelemetryOutbox } from '../../src/telemetry/telemetry-outbox';
import { useServicesOnTestDatabase } from '../helpers/test-services';

const suite = useServicesOnTestDatabase();

test('a Postgres server that cannot be reached is a transient, retryable error that keeps the password out', async () => {
  // Port 1 on loopback refuses at once: the driver fails without any SQLSTATE.
  const sql = openPgExecutor('postgres://hdc:s3cret-password@127.0.0.1:1/hdc');
  const outbox = new TelemetryOutbox();
  const opened = openSqlStore(sql, outbox);
  const services = createAppServices({ store: opened.store, outbox, log: () => undefined });
  try {
    const failure = await services.registry.list({ parentPageId: '100', limit: 10 }).then(
      () => { throw new Error('expected a failure'); },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'transient', retryable: true });
    expect((failure as AppError).guidance).toMatch(/try again/i);
    expect(JSON.stringify({ message: (failure as AppError).message, guidance: (failure as AppError).guidance })).not.toContain('s3cret');
    // The lookup's telemetry was kept for the next call, not lost with the failed one.
    expect(outbox.size).toBeGreaterThan(0);
  } finally {
    await opened.close();
  }
});

test('a missing SQL function means the schema is behind: unavailable, with the migrate command as guidance', async () => {
  await expect(suite.db.rpc.call('hdc_not_there', {})).rejects.toMatchObject({ code: 'unavailable', guidance: expect.stringMatching(/hdc-ops migrate/) });
});

test('a value the database rejects is a validation error that does not echo the database text', async () => {
  const failure = await suite.db.rpc.call('hdc_sync_status', { p_event_id: 'not-a-uuid', p_page_id: null }).catch((error: unknown) => error);
  expect(failure).toMatchObject({ code: 'validation', retryable: false });
  expect((failure as AppError).message).not.toMatch(/uuid/i);
});
