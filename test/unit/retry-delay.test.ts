import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../src/shared/retry-delay';
import { createRetryingFetch } from '../../src/shared/retrying-fetch';

test('Retry-After in seconds is honoured', () => {
  expect(retryDelayMs(1, '2', DEFAULT_RETRY_POLICY)).toBe(2000);
});
test('a Retry-After longer than the cap means no retry', () => {
  expect(retryDelayMs(1, '60', DEFAULT_RETRY_POLICY)).toBeUndefined();
});
test('backoff without Retry-After stays under the exponential ceiling', () => {
  expect(retryDelayMs(3, null, DEFAULT_RETRY_POLICY, () => 1)).toBe(1000);
});
test('retrying fetch retries a 503 honouring Retry-After, then returns the success', async () => {
  const statuses = [503, 200];
  const sleeps: number[] = [];
  const fetchImpl = async () => new Response('{}', { status: statuses.shift() ?? 500, headers: { 'retry-after': '1' } });
  const response = await createRetryingFetch(fetchImpl, { sleep: async (ms) => { sleeps.push(ms); } })('http://x');
  expect(response.status).toBe(200);
  expect(sleeps).toEqual([1000]);
});
test('retrying fetch does not retry a 400', async () => {
  let calls = 0;
  const fetchImpl = async () => { calls += 1; return new Response('{}', { status: 400 }); };
  await createRetryingFetch(fetchImpl, { sleep: async () => undefined })('http://x');
  expect(calls).toBe(1);
});
