import type { CleanupProgress } from '../contract/cleanup';

/**
 * Drives a chunked operation (a scan, an execution, a restore): calls its step, each call resuming
 * where the last ended, until it is done or `mayContinue` says to stop (a job's step near its
 * deadline). `onStep` hears each unfinished step, for progress. The one loop the CLI, the jobs, the
 * bench and the tests share.
 */
export async function driveSteps<T>(
  step: (previous: CleanupProgress<T> | null) => Promise<CleanupProgress<T>>,
  options: { onStep?: (progress: CleanupProgress<T>) => void; mayContinue?: () => boolean } = {},
): Promise<{ last: CleanupProgress<T>; calls: number }> {
  let last = await step(null);
  let calls = 1;
  while (!last.done && (options.mayContinue?.() ?? true)) {
    options.onStep?.(last);
    last = await step(last);
    calls += 1;
  }
  return { last, calls };
}
