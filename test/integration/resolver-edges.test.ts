import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { z } from 'zod';
import type { ConfluenceAccess, ConfluencePort } from '../../src/confluence/confluence-port';
import { RESOLVER_EFFECTS, RESOLVER_PAYLOADS } from '../../src/contract/resolver-keys';
import { buildResolverDefinitions } from '../../src/forge/resolver-definitions';
import { encodeRegistryCursor } from '../../src/registry/registry-cursor';
import { makeSyncableEvent, snapshotDomain } from '../helpers/builders';
import { useResolversOnTestDatabase } from '../helpers/test-resolvers';
import { TEST_SITE } from '../helpers/test-sites';

// The resolvers at their edges: characters Postgres cannot store, lock waits, idempotency keys
// reused elsewhere, keys that are not ours, effects declared once, refusals that stay local.
const resolvers = useResolversOnTestDatabase();
const ADMIN = 'edge-admin';

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Every path to a string field in a payload schema (through optionals, defaults, pipes, unions and arrays). */
function stringPaths(schema: z.ZodType, path: string[] = []): string[][] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'enum':
      return [path];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, inner]) => stringPaths(inner, [...path, key]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return stringPaths(def.innerType!, path);
    case 'pipe':
      return stringPaths(def.in!, path);
    case 'union':
      return (def.options ?? []).flatMap((option) => stringPaths(option, path));
    case 'array':
      return stringPaths(def.element!, [...path, '0']);
    default:
      return [];
  }
}

/** A payload holding `value` at `path` (a '0' step is an array). */
function payloadAt(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return head === '0' ? [payloadAt(rest, value)] : { [head!]: payloadAt(rest, value) };
}

test("a NUL character in any string field of any key's payload is refused as validation, and nothing is recorded", async () => {
  await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
  const before = await snapshotDomain(resolvers.db.sql);
  const cases = Object.entries(RESOLVER_PAYLOADS).flatMap(([key, schema]) =>
    [...new Set(stringPaths(schema).map((path) => path.join('.')))].map((path) => ({ key, path: path.split('.') })),
  );
  expect(cases.length).toBeGreaterThan(25);
  const refusals = await Promise.all(
    cases.map(async ({ key, path }) => ({
      key,
      field: path.join('.'),
      reply: await resolvers.invoke(key, payloadAt(path, 'a\0b'), ADMIN),
    })),
  );
  for (const { key, field, reply } of refusals) {
    expect({ key, field, reply }).toEqual({
      key,
      field,
      reply: {
        ok: false,
        error: expect.objectContaining({
          code: 'validation',
          message: expect.stringContaining('must not contain NUL'),
          retryable: false,
        }),
      },
    });
  }
  // A cursor carries its key inside: a NUL there is refused as well, not raised by the database.
  const cursor = encodeRegistryCursor({ sortKey: 'a\0b', id: randomUUID() });
  expect(await resolvers.invoke('registry.list', { parentPageId: '100', cursor }, ADMIN)).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
  expect(await snapshotDomain(resolvers.db.sql)).toEqual(before);
  await resolvers.services.flushTelemetry();
  expect(
    await resolvers.db.sql.query(`select count(*)::int as n from telemetry_event where outcome = 'error'`),
  ).toEqual([{ n: 0 }]);
});

test('an idempotency key is bound to its event: reused on another one it is refused, and that event is not touched', async () => {
  const first = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
  const second = await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
  const key = randomUUID();
  expect(await resolvers.invoke('sync.complete', { eventId: first, idempotencyKey: key }, ADMIN)).toMatchObject({
    ok: true,
  });
  const reused = await resolvers.invoke('sync.complete', { eventId: second, idempotencyKey: key }, ADMIN);
  expect(reused).toMatchObject({
    ok: false,
    error: { code: 'validation', message: expect.stringMatching(/already used for another request/) },
  });
  expect(
    await resolvers.db.sql.query('select count(*)::int as n from event_sync_state where event_id = $1', [second]),
  ).toEqual([{ n: 0 }]);
  // The same key on the same event replays the first reply, to an admin only.
  expect(await resolvers.invoke('sync.complete', { eventId: first, idempotencyKey: key }, ADMIN)).toMatchObject({
    ok: true,
    data: { state: { status: 'complete' } },
  });
  await resolvers.db.sql.query('delete from event_admin where event_id = $1 and account_id = $2', [first, ADMIN]);
  expect(await resolvers.invoke('sync.complete', { eventId: first, idempotencyKey: key }, ADMIN)).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
});

test('keys that are not ours, prototype names included, are refused and never echo the call', async () => {
  for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'no.such.key']) {
    const reply = await resolvers.invoke(key, { secret: 'x' }, ADMIN);
    expect({ key, reply }).toEqual({
      key,
      reply: { ok: false, error: expect.objectContaining({ code: 'not_found', retryable: false }) },
    });
  }
});

test('each key declares its effect once; a read key cannot write, and the keys that audit or keep progress are writes', async () => {
  expect(Object.keys(RESOLVER_EFFECTS).sort()).toEqual(Object.keys(RESOLVER_PAYLOADS).sort());
  expect(RESOLVER_EFFECTS['ops.summary']).toBe('write');
  expect(RESOLVER_EFFECTS['cleanup.scan']).toBe('write');
  const readOnly = resolvers.app.servicesFor({ site: TEST_SITE, readOnly: true });
  await expect(readOnly.opsStatus.summary('someone')).rejects.toMatchObject({
    code: 'internal',
    message: expect.stringContaining('A read tried to write'),
  });
});

test('a refused ops.summary makes no call to Confluence', async () => {
  let calls = 0;
  const port = new Proxy(
    {},
    {
      get: () => () => {
        calls += 1;
        return Promise.resolve([]);
      },
    },
  ) as ConfluencePort;
  const access: ConfluenceAccess = { asUser: () => port, asApp: () => port };
  const app = resolvers.db.app({ settings: { parentPageId: '100' }, confluence: () => access });
  const handler = buildResolverDefinitions({ app: async () => app, logError: () => undefined });
  for (let i = 0; i < 5; i += 1) {
    const reply = await handler({ call: { functionKey: 'ops.summary', payload: {} }, context: {} }, {
      principal: { accountId: 'not-an-operator' },
      installContext: TEST_SITE,
    } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  expect(calls).toBe(0);
});

const serverUrl = process.env.HDC_TEST_DATABASE_URL;
(serverUrl ? describe : describe.skip)('on a PostgreSQL server', () => {
  const onServer = useResolversOnTestDatabase(undefined, serverUrl);

  test('a lock another connection holds is a transient, retryable refusal within the lock timeout; released, the same call succeeds', async () => {
    await makeSyncableEvent(onServer.db.sql, ADMIN, 1);
    const holder = new Client({ connectionString: onServer.db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table event in access exclusive mode');
      const started = performance.now();
      const waited = await onServer.invoke('registry.list', { parentPageId: '100' }, ADMIN);
      expect(waited).toMatchObject({ ok: false, error: { code: 'transient', retryable: true } });
      // The lock timeout (3 s) ends the wait, well before the statement timeout (8 s).
      expect(performance.now() - started).toBeLessThan(7_000);
      await holder.query('commit');
      expect(await onServer.invoke('registry.list', { parentPageId: '100' }, ADMIN)).toMatchObject({ ok: true });
    } finally {
      await holder.end();
    }
  });
});

test('cleanup.latestScan is a read of its own; the deprecated cleanup.scan { latest: true } still answers for one release', async () => {
  expect(RESOLVER_EFFECTS['cleanup.latestScan']).toBe('read');
  await resolvers.services.operators.add('edge-operator', 'test');
  expect(await resolvers.invoke('cleanup.latestScan', {}, 'edge-operator')).toEqual({ ok: true, data: null });
  expect(await resolvers.invoke('cleanup.scan', { latest: true }, 'edge-operator')).toEqual({
    ok: true,
    data: { done: true, progress: 1, result: null },
  });
  expect(await resolvers.invoke('cleanup.latestScan', {}, ADMIN)).toMatchObject({
    ok: false,
    error: { code: 'forbidden' },
  });
  expect(await resolvers.invoke('cleanup.latestScan', { scanId: 1 }, 'edge-operator')).toMatchObject({
    ok: false,
    error: { code: 'validation' },
  });
});

test('the keys named for what they answer, cleanup.plans and report.integrityDryRun; the old names answer the same until 0.4.0', async () => {
  await makeSyncableEvent(resolvers.db.sql, ADMIN, 1);
  await resolvers.services.operators.add('edge-operator', 'test');
  for (const [key, old] of [
    ['cleanup.plans', 'cleanup.status'],
    ['report.integrityDryRun', 'report.dryRun'],
  ] as const) {
    expect(RESOLVER_EFFECTS[key]).toBe('read');
    const payload = key === 'cleanup.plans' ? { limit: 5 } : { eventQuery: '' };
    const answer = await resolvers.invoke(key, payload, 'edge-operator');
    expect(answer).toMatchObject({ ok: true });
    const fromOld = await resolvers.invoke(old, payload, 'edge-operator');
    // The dry-run says when it checked; everything else is the same answer.
    const withoutTime = (reply: unknown) => JSON.stringify(reply).replace(/"checkedAt":"[^"]*"/, '');
    expect(withoutTime(fromOld)).toBe(withoutTime(answer));
  }
  expect(await resolvers.invoke('cleanup.plans', {}, ADMIN)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
