import { driveSteps } from '../../src/cleanup/chunked-steps';
import type { CleanupProgress } from '../../src/contract/cleanup';

/** A chunked operation of `total` steps; each call sees the step before it. */
function operation(total: number) {
  const seen: (number | null)[] = [];
  const step = async (previous: CleanupProgress<number> | null): Promise<CleanupProgress<number>> => {
    seen.push(previous?.result ?? null);
    const result = (previous?.result ?? 0) + 1;
    return { done: result === total, progress: result / total, result };
  };
  return { step, seen };
}

test('calls the step until it is done, each call resuming from the last, and tells each unfinished step', async () => {
  const { step, seen } = operation(3);
  const told: number[] = [];
  expect(await driveSteps(step, { onStep: (progress) => told.push(progress.result) })).toEqual({
    last: { done: true, progress: 1, result: 3 },
    calls: 3,
  });
  expect(seen).toEqual([null, 1, 2]);
  expect(told).toEqual([1, 2]);
});

test('one call when the first step finishes it', async () => {
  const { step } = operation(1);
  expect(await driveSteps(step)).toMatchObject({ last: { done: true }, calls: 1 });
});

test('stops unfinished when it may not continue (a job near its deadline), leaving the rest to the next step', async () => {
  const { step } = operation(10);
  let budget = 2;
  expect(await driveSteps(step, { mayContinue: () => budget-- > 0 })).toEqual({
    last: { done: false, progress: 0.3, result: 3 },
    calls: 3,
  });
});

test('a failing step ends the drive with its error', async () => {
  await expect(driveSteps(() => Promise.reject(new Error('Confluence is down')))).rejects.toThrow('Confluence is down');
});
