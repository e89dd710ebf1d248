import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
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

test('the scheduled functions declare the timeouts their handlers budget for', () => {
  const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as { modules: { function: { key: string; timeoutSeconds?: number }[] } };
  const timeouts = Object.fromEntries(manifest.modules.function.map((fn) => [fn.key, fn.timeoutSeconds]));
  expect(timeouts['telemetry-sampler']).toBe(SCHEDULED_TIMEOUT_SECONDS.telemetrySampler);
  expect(timeouts['weekly-report']).toBe(SCHEDULED_TIMEOUT_SECONDS.weeklyReport);
  // The resolver stays at Forge's default (25 s): it answers within 20 s by its own deadline.
  expect(timeouts.resolver).toBeUndefined();
});
