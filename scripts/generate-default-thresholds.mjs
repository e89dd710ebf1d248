// The built-in thresholds are config/thresholds.yml, generated into TypeScript at build: Forge bundles
// code, not config/, and ships no YAML parser. `--check` (in npm run lint) fails when the generated
// file is not what the YAML says, so the YAML stays the one place the thresholds are stated.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'config/thresholds.yml';
const target = 'src/verification/default-thresholds.ts';

const thresholds = parse(readFileSync(join(root, source), 'utf8'));
const generated = `// Generated from ${source} by scripts/generate-default-thresholds.mjs (npm run build). Do not edit:
// edit ${source}, then npm run build. test/unit/thresholds.test.ts checks it against the schema.
import type { Thresholds } from './thresholds';

/** The thresholds when no file or variable gives others (Forge bundles code, not config/). */
export const DEFAULT_THRESHOLDS: Thresholds = ${JSON.stringify(thresholds, null, 2)};
`;

if (process.argv.includes('--check')) {
  if (readFileSync(join(root, target), 'utf8') !== generated) {
    console.error(`${target} is not what ${source} says: run npm run build (it regenerates it) and commit the file.`);
    process.exit(1);
  }
} else {
  writeFileSync(join(root, target), generated);
}
