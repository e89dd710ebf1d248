import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { packageRoot } from '../../src/shared/package-root';

// The Node versions HDC Ops promises are one range: the README's, package.json's `engines`, and every
// installed dependency's own `engines` accept all of it (so `npm ci` on a supported Node warns of nothing).
const root = packageRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

test('the README promises the Node range package.json declares', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  expect(readme).toContain(`## Set-up on a fresh machine (Node ${pkg.engines.node})`);
});

test('every dependency accepts every Node of the promised range', () => {
  const range = pkg.engines.node;
  const lowest = semver.minVersion(range)!.version;
  // The lowest and a late release of the range: a dependency's range with a gap in between would show at one of them.
  const samples = [lowest, `${semver.major(lowest)}.99.0`, semver.inc(lowest, 'minor')!];
  const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
    const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (path === '' || wanted === undefined) return [];
    return samples
      .filter((version) => semver.satisfies(version, range) && !semver.satisfies(version, wanted))
      .map((version) => `${path} (${wanted}) refuses ${version}`);
  });
  expect(refusing).toEqual([]);
});
