import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// static/build-macros.mjs (part of npm run build, which npm test runs first) measures each bundle.
const root = join(__dirname, '..', '..');
const sizesFile = join(root, 'static', 'dist', 'bundle-sizes.json');
const budget = JSON.parse(readFileSync(join(root, 'static', 'bundle-budget.json'), 'utf8')) as {
  gzipBytesPerMacro: Record<string, number>;
};
const macros = Object.keys(budget.gzipBytesPerMacro);

test('every macro in static/src/macros has a budget and a built bundle', () => {
  expect(existsSync(sizesFile)).toBe(true);
  const sizes = JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(sizes).sort()).toEqual([...macros].sort());
});

test.each(macros)('the %s bundle is within its gzip budget', (macro) => {
  const sizes = JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, { gzipBytes: number }>;
  const size = sizes[macro]?.gzipBytes;
  expect(size).toBeGreaterThan(0);
  expect(size).toBeLessThanOrEqual(budget.gzipBytesPerMacro[macro]!);
});
