import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
import { CLEANUP_JOB_QUEUE } from '../../src/cleanup/job-queue';
import { CLEANUP_JOB_STEP_MS, CLEANUP_JOB_TIMEOUT_SECONDS } from '../../src/forge/cleanup-job-consumer';
import { SCHEDULED_TIMEOUT_SECONDS } from '../../src/forge/scheduled-handlers';

const root = join(__dirname, '..', '..');

test('manifest.yml passes full @forge/manifest validation with no errors or warnings', async () => {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await validate(false, 'manifest.yml');
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  } finally {
    process.chdir(cwd);
  }
});

test('the scheduled functions and the job consumer declare the timeouts their handlers budget for; the consumer reads the queue the jobs are pushed to', () => {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
    modules: { function: { key: string; timeoutSeconds?: number }[] };
  };
  const timeouts = Object.fromEntries(manifest.modules.function.map((fn) => [fn.key, fn.timeoutSeconds]));
  expect(timeouts['telemetry-sampler']).toBe(SCHEDULED_TIMEOUT_SECONDS.telemetrySampler);
  expect(timeouts['weekly-report']).toBe(SCHEDULED_TIMEOUT_SECONDS.weeklyReport);
  expect(timeouts['orphan-scan']).toBe(SCHEDULED_TIMEOUT_SECONDS.orphanScan);
  // The cleanup jobs' consumer: Forge's longest timeout, each step far inside it.
  expect(timeouts['cleanup-jobs']).toBe(CLEANUP_JOB_TIMEOUT_SECONDS);
  expect(CLEANUP_JOB_STEP_MS).toBeLessThan((CLEANUP_JOB_TIMEOUT_SECONDS * 1000) / 2);
  const consumers = (
    parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
      modules: { consumer: { queue: string; function: string }[] };
    }
  ).modules.consumer;
  expect(consumers).toEqual([expect.objectContaining({ queue: CLEANUP_JOB_QUEUE, function: 'cleanup-jobs' })]);
  // The resolver stays at Forge's default (25 s): it answers within 20 s by its own deadline.
  expect(timeouts.resolver).toBeUndefined();
});
