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
  const fetchImpl = async () =>
    new Response('{}', { status: statuses.shift() ?? 500, headers: { 'retry-after': '1' } });
  const response = await createRetryingFetch(fetchImpl, {
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  })('http://x');
  expect(response.status).toBe(200);
  expect(sleeps).toEqual([1000]);
});
test('retrying fetch does not retry a 400', async () => {
  let calls = 0;
  const fetchImpl = async () => {
    calls += 1;
    return new Response('{}', { status: 400 });
  };
  await createRetryingFetch(fetchImpl, { sleep: async () => undefined })('http://x');
  expect(calls).toBe(1);
});

test('Retry-After with a fraction of a second is seconds, not a date', () => {
  expect(retryDelayMs(1, '1.5', DEFAULT_RETRY_POLICY)).toBe(1500);
  expect(retryDelayMs(1, '0.25', DEFAULT_RETRY_POLICY)).toBe(250);
});

describe('inside a deadline', () => {
  /** A deadline driven by the test: `spend` moves its clock as sleeps and attempts do. */
  function testDeadline(ms: number) {
    let spent = 0;
    return {
      deadline: { remainingMs: () => Math.max(0, ms - spent) },
      spend: (delta: number) => {
        spent += delta;
      },
    };
  }

  test('a Retry-After longer than the time left ends the retries at once, and says so', async () => {
    const { deadline, spend } = testDeadline(3_000);
    const attempts = { mayHaveReachedServer: false, stoppedByDeadline: false };
    const sleeps: number[] = [];
    let calls = 0;
    const fetchImpl = async () => {
      calls += 1;
      return new Response('{}', { status: 503, headers: { 'retry-after': '5' } });
    };
    const response = await createRetryingFetch(fetchImpl, {
      deadline,
      attempts,
      sleep: async (ms) => {
        sleeps.push(ms);
        spend(ms);
      },
    })('http://x');
    expect(response.status).toBe(503);
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
    expect(attempts).toEqual({ mayHaveReachedServer: true, stoppedByDeadline: true });
  });

  test('no attempt starts without time left for it', async () => {
    const { deadline } = testDeadline(100);
    let calls = 0;
    const fetchImpl = async () => {
      calls += 1;
      return new Response('{}');
    };
    await expect(createRetryingFetch(fetchImpl, { deadline })('http://x')).rejects.toMatchObject({
      name: 'DeadlineExceededError',
    });
    expect(calls).toBe(0);
  });

  test('a hung server is abandoned when the deadline passes, not after the full per-attempt timeout', async () => {
    const attempts = { mayHaveReachedServer: false, stoppedByDeadline: false };
    const fetchImpl = (_input: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    const deadline = {
      remainingMs: (() => {
        const end = Date.now() + 400;
        return () => Math.max(0, end - Date.now());
      })(),
    };
    await expect(createRetryingFetch(fetchImpl, { deadline, attempts })('http://x')).rejects.toThrow('aborted');
    expect(attempts).toEqual({ mayHaveReachedServer: true, stoppedByDeadline: true });
  });
});

test('a write that may already have been processed is not sent again unless it may be repeated', async () => {
  const statuses = [502, 200];
  let calls = 0;
  const fetchImpl = async () => {
    calls += 1;
    return new Response('{}', { status: statuses.shift() ?? 500 });
  };
  const once = await createRetryingFetch(fetchImpl, { retryAmbiguous: false, sleep: async () => undefined })(
    'http://x',
  );
  expect(once.status).toBe(502);
  expect(calls).toBe(1);
  // A 429 was not processed: even such a write is sent again.
  const limited = [429, 200];
  const again = await createRetryingFetch(
    async () => new Response('{}', { status: limited.shift() ?? 500, headers: { 'retry-after': '0' } }),
    {
      retryAmbiguous: false,
      sleep: async () => undefined,
    },
  )('http://x');
  expect(again.status).toBe(200);
});
