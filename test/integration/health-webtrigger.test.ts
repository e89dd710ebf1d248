import { buildHealthWebtrigger } from '../../src/forge/health-webtrigger';
import { readMigrationFiles } from '../../src/store/migration-files';
import { useServicesOnTestDatabase } from '../helpers/test-services';
import { TEST_SITE } from '../helpers/test-sites';

const suite = useServicesOnTestDatabase();
const trigger = () => buildHealthWebtrigger({ app: async () => suite.app, secret: () => 's3cret' });
const context = { installContext: TEST_SITE };

test.each(['x-hdc-webtrigger-secret', 'X-HDC-Webtrigger-Secret', 'X-Hdc-Webtrigger-Secret'])('the secret header is read whatever its case (%s)', async (name) => {
  const reply = await trigger()({ headers: { [name]: ['s3cret'] } }, context);
  expect(reply.statusCode).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ status: 'ready', database: 'ok', schemaVersion: readMigrationFiles().length });
});

test('a wrong or missing secret is 401 with what to send', async () => {
  expect(await trigger()({ headers: { 'x-hdc-webtrigger-secret': ['wrong'] } }, context)).toMatchObject({ statusCode: 401 });
  expect(await trigger()({}, context)).toMatchObject({ statusCode: 401, body: expect.stringContaining('x-hdc-webtrigger-secret') });
});

test('without an installation context the trigger is not ready, and says why', async () => {
  const reply = await trigger()({ headers: { 'x-hdc-webtrigger-secret': ['s3cret'] } }, {});
  expect(reply).toMatchObject({ statusCode: 503 });
  expect(JSON.parse(reply.body)).toMatchObject({ status: 'not_ready', errorCode: 'forbidden' });
});

test('a database that does not answer makes the trigger not ready (503), with the error code', async () => {
  await suite.db.sql.exec('alter function hdc_health(hdc_site, jsonb) rename to hdc_health_gone');
  try {
    const reply = await trigger()({ headers: { 'x-hdc-webtrigger-secret': ['s3cret'] } }, context);
    expect(reply.statusCode).toBe(503);
    expect(JSON.parse(reply.body)).toMatchObject({ status: 'not_ready', database: 'unreachable', errorCode: 'unavailable' });
  } finally {
    await suite.db.sql.exec('alter function hdc_health_gone(hdc_site, jsonb) rename to hdc_health');
  }
});
