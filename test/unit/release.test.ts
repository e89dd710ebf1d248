import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPECTED_SCHEMA_VERSION, HDC_OPS_VERSION } from '../../src/shared/release';
import { readMigrationFiles } from '../../src/store/migration-files';

const root = join(__dirname, '..', '..');

test('the build knows its version (package.json, a CHANGELOG release) and its schema (the latest migration)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  expect(HDC_OPS_VERSION).toBe(pkg.version);
  expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
  expect(EXPECTED_SCHEMA_VERSION).toBe(readMigrationFiles().at(-1)?.version);
});

test("npm run sbom writes npm's CycloneDX SBOM and release notes with the CHANGELOG version", () => {
  const out = mkdtempSync(join(tmpdir(), 'hdc-release-'));
  try {
    execFileSync('node', [join(root, 'scripts', 'release-evidence.mjs'), out], { cwd: root, stdio: 'pipe' });
    const sbom = JSON.parse(readFileSync(join(out, 'sbom.cdx.json'), 'utf8')) as {
      bomFormat: string;
      components: { name: string }[];
      metadata: { component: { name: string; version: string } };
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.metadata.component.version).toBe(HDC_OPS_VERSION);
    expect(sbom.components.map((c) => c.name)).toEqual(expect.arrayContaining(['zod', 'pg', '@forge/api']));
    // Development tools do not ship, so they are not in it.
    expect(sbom.components.map((c) => c.name)).not.toContain('jest');
    const notes = readFileSync(join(out, 'RELEASE_NOTES.md'), 'utf8');
    expect(notes).toContain(`# hdc-ops ${HDC_OPS_VERSION} — release notes`);
    expect(notes).toContain(`## Changes in [${HDC_OPS_VERSION}]`);
    expect(notes).toMatch(/SHA-256 [0-9a-f]{64}/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
