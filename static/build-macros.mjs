// Builds each macro as its own self-contained bundle in static/dist/<macro>/ (a Forge resource
// directory cannot reach files outside itself, so macros share source, not chunks), then writes
// static/dist/bundle-sizes.json with the gzip size of each, for the budget check: `gzipBytes`, every
// file of the bundle, and `eagerGzipBytes`, what the frame downloads before it first renders (the
// page, its entry, the entry's static imports and CSS; not the theme chunks loaded on demand).
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
    // Atlaskit's `module:es2019` builds are smaller than their `module` ones (the notes measured −18 KiB).
    resolve: { mainFields: ['atlaskit:src', 'module:es2019', 'browser', 'module', 'jsnext:main', 'jsnext'] },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      assetsInlineLimit: 0,
      manifest: true,
      chunkSizeWarningLimit: 2000,
    },
  });
  const manifestFile = join(outDir, '.vite', 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const files = filesUnder(outDir).filter((file) => /\.(js|css|html)$/.test(file));
  const gzipOf = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
  const gzipBytes = files.reduce((total, file) => total + gzipOf(file), 0);
  const rawBytes = files.reduce((total, file) => total + statSync(file).size, 0);
  const eager = new Set([join(outDir, 'index.html')]);
  const visit = (key) => {
    const chunk = manifest[key];
    if (chunk === undefined || eager.has(join(outDir, chunk.file))) return;
    eager.add(join(outDir, chunk.file));
    for (const css of chunk.css ?? []) eager.add(join(outDir, css));
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const eagerGzipBytes = [...eager].reduce((total, file) => total + gzipOf(file), 0);
  sizes[macro] = { gzipBytes, eagerGzipBytes, rawBytes, files: files.map((file) => relative(outDir, file)).sort() };
  console.log(
    `${macro.padEnd(14)} ${(eagerGzipBytes / 1024).toFixed(1).padStart(6)} KiB gzip eager, ${(gzipBytes / 1024).toFixed(1).padStart(6)} KiB all files  (${(rawBytes / 1024).toFixed(1)} KiB raw)`,
  );
}
writeFileSync(join(distDir, 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
