import { decodeRegistryCursor, encodeRegistryCursor } from '../../src/registry/registry-cursor';

const key = { sortKey: 'autumn hack 2026', id: '2f1e0c1a-2b3c-4d5e-8f90-123456789abc' };

test('a cursor round-trips the last row’s sort key and id, opaque and URL-safe', () => {
  const cursor = encodeRegistryCursor(key);
  expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(decodeRegistryCursor(cursor)).toEqual(key);
  expect(decodeRegistryCursor(encodeRegistryCursor({ ...key, sortKey: 'Ünïcødé ✓' }))).toEqual({
    ...key,
    sortKey: 'Ünïcødé ✓',
  });
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

test.each([
  ['not base64 JSON', 'not-a-cursor'],
  ['an id that is not a uuid', b64({ k: 'a', id: '42' })],
  ['a sort key over 400 characters', b64({ k: 'x'.repeat(401), id: key.id })],
  ['an extra field', b64({ k: 'a', id: key.id, admin: true })],
  ['a missing sort key', b64({ id: key.id })],
  ['an empty string', ''],
  ['a sort key with a NUL character (Postgres cannot hold it)', b64({ k: 'a\u0000b', id: key.id })],
])('%s is a validation error that says what to do', (_name, cursor) => {
  let thrown: unknown;
  try {
    decodeRegistryCursor(cursor);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({
    code: 'validation',
    message: 'The registry cursor is not valid',
    guidance: expect.stringContaining('nextCursor'),
  });
});
