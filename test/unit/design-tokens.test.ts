import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Every var(--ds-…) the macros use is a real Atlassian design token, so Confluence's theme (light,
// dark) reaches it; a typo would silently fall back to the light colour in dark mode.
const tokenNames = new Set(
  Object.values(
    (
      createRequire(__filename)('@atlaskit/tokens/dist/cjs/artifacts/token-names.js') as {
        default: Record<string, string>;
      }
    ).default,
  ),
);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = [join(__dirname, '..', '..', 'static', 'src'), join(__dirname, '..', '..', 'dev', 'public')].flatMap(
  filesUnder,
);
const used = new Set(
  sources.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/var\((--ds-[a-z0-9-]+)/g)].map((m) => m[1]!)),
);

test('the macros use design tokens', () => {
  expect(used.size).toBeGreaterThan(20);
});

test('every design token the macros use exists in @atlaskit/tokens', () => {
  expect([...used].filter((name) => !tokenNames.has(name))).toEqual([]);
});
