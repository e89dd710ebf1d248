import { validate } from '@forge/manifest';
import { join } from 'node:path';

test('manifest.yml passes full @forge/manifest validation with no errors or warnings', async () => {
  const cwd = process.cwd();
  process.chdir(join(__dirname, '..', '..'));
  try {
    const result = await validate(false, 'manifest.yml');
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  } finally {
    process.chdir(cwd);
  }
});
