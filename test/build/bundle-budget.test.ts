import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// static/build-macros.mjs (part of npm run build, which npm test runs first) measures each bundle.
const root = join(__dirname, '..', '..');
const sizesFile = join(root, 'static', 'dist', 'bundle-sizes.json');
const budget = JSON.parse(readFileSync(join(root, 'static', 'bundle-budget.json'), 'utf8')) as {
  eagerGzipBytesPerMacro: Record<string, number>;
  gzipBytesPerMacro: Record<string, number>;
};
const macros = Object.keys(budget.gzipBytesPerMacro);
const sizes = () =>
  JSON.parse(readFileSync(sizesFile, 'utf8')) as Record<string, { gzipBytes: number; eagerGzipBytes: number }>;

test('every macro in static/src/macros has both budgets and a built bundle', () => {
  expect(existsSync(sizesFile)).toBe(true);
  expect(Object.keys(sizes()).sort()).toEqual([...macros].sort());
  expect(Object.keys(budget.eagerGzipBytesPerMacro).sort()).toEqual([...macros].sort());
});

test.each(macros)('the %s bundle is within its eager and total gzip budgets', (macro) => {
  const size = sizes()[macro];
  expect(size?.eagerGzipBytes).toBeGreaterThan(0);
  expect(size!.eagerGzipBytes).toBeLessThanOrEqual(size!.gzipBytes);
  expect(size!.eagerGzipBytes).toBeLessThanOrEqual(budget.eagerGzipBytesPerMacro[macro]!);
  expect(size!.gzipBytes).toBeLessThanOrEqual(budget.gzipBytesPerMacro[macro]!);
});
