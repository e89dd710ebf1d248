// Builds each macro as its own self-contained bundle in static/dist/<macro>/ (a Forge resource
// directory cannot reach files outside itself, so macros share source, not chunks), then writes
// static/dist/bundle-sizes.json with the gzip size of each, for the budget check.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const staticDir = dirname(fileURLToPath(import.meta.url));
const macrosDir = join(staticDir, 'src', 'macros');
const distDir = join(staticDir, 'dist');
const only = process.argv.slice(2);
const macros = readdirSync(macrosDir).filter((name) => only.length === 0 || only.includes(name));

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sizes = {};
for (const macro of macros) {
  const outDir = join(distDir, macro);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(macrosDir, macro),
    base: './',
    oxc: { jsx: { runtime: 'automatic' } },
    build: { outDir, emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  });
  const files = filesUnder(outDir).filter((file) => /\.(js|css|html)$/.test(file));
  const gzipBytes = files.reduce((total, file) => total + gzipSync(readFileSync(file), { level: 9 }).length, 0);
  const rawBytes = files.reduce((total, file) => total + statSync(file).size, 0);
  sizes[macro] = { gzipBytes, rawBytes, files: files.map((file) => relative(outDir, file)).sort() };
  console.log(`${macro.padEnd(14)} ${(gzipBytes / 1024).toFixed(1).padStart(6)} KiB gzip  (${(rawBytes / 1024).toFixed(1)} KiB raw)`);
}
writeFileSync(join(distDir, 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
