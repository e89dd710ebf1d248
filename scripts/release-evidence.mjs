#!/usr/bin/env node
// `npm run sbom`: the release evidence of this build, in release/ —
//   sbom.cdx.json     npm's own CycloneDX SBOM of what ships (npm sbom --omit dev), unchanged;
//   RELEASE_NOTES.md  the package version, its CHANGELOG.md section (Unreleased when the version
//                     has none yet), and the SBOM's component count and SHA-256.
// Exits 1 when npm cannot describe the dependency tree (an invalid tree is not shipped silently).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, 'release');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let sbom;
try {
  sbom = execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--omit', 'dev', '--package-lock-only'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
} catch (error) {
  process.stderr.write(`npm sbom failed:\n${error.stderr ?? error.message}\n`);
  process.exit(1);
}
const parsed = JSON.parse(sbom);

/** The CHANGELOG section of a version: from its heading to the next version's heading. */
function changelogSection(text, wanted) {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${wanted}]`));
  if (start === -1) return null;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## ['));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .join('\n')
    .trim();
}
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
const section = changelogSection(changelog, version);
const unreleased = changelogSection(changelog, 'Unreleased');

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'sbom.cdx.json'), sbom);
const sha256 = createHash('sha256').update(sbom).digest('hex');
const notes = [
  `# ${name} ${version} — release notes`,
  '',
  `- Version: ${version} (package.json; CHANGELOG.md ${section === null ? 'has no section for it yet' : `section "${section.split('\n')[0].replace(/^## /, '')}"`})`,
  `- SBOM: sbom.cdx.json, CycloneDX ${parsed.specVersion}, ${parsed.components.length} components (runtime dependencies only), SHA-256 ${sha256}`,
  '',
  ...(section === null ? [] : [section.replace(/^## /, '## Changes in '), '']),
  ...(unreleased === null || unreleased.split('\n').length <= 1
    ? []
    : [unreleased.replace(/^## \[Unreleased\]/, '## Not yet released (since this version)'), '']),
].join('\n');
writeFileSync(join(outDir, 'RELEASE_NOTES.md'), notes);
process.stdout.write(
  `${join(outDir, 'sbom.cdx.json')} (${parsed.components.length} components)\n${join(outDir, 'RELEASE_NOTES.md')}\n`,
);
