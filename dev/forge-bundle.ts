import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getNodeBundler } from '@forge/bundler';
import { parse } from 'yaml';

export interface ForgeBundle {
  /** Where the bundler wrote its output (a temporary folder). */
  dir: string;
  /** The bundled module every manifest handler lives in (index.cjs), as Forge loads it. */
  entry: string;
  rawBytes: number;
  gzipBytes: number;
  /** Every source file in the bundle, relative to the app: src/… and node_modules/<package>/…. */
  sources: string[];
  /** What the bundler warned about. */
  warnings: string[];
  remove(): void;
}

interface ManifestFunctions {
  modules: { function: { handler: string }[] };
}

/** The modules the manifest's handlers live in (`index.handler` → src/index). */
function entryPointsOf(appDir: string) {
  const manifest = parse(readFileSync(join(appDir, 'manifest.yml'), 'utf8')) as ManifestFunctions;
  const modules = [...new Set(manifest.modules.function.map((fn) => fn.handler.split('.')[0] ?? ''))];
  return modules.map((name) => ({ name, path: join(appDir, 'src', name) }));
}

/**
 * Bundles the backend the way `forge deploy` does: @forge/bundler's Node bundler (webpack with
 * ts-loader over tsconfig.json) on the manifest's handler modules. Only Forge's own runtime
 * wrapper, which the bundler fetches from Atlassian's CDN and adds beside the app's code, is left
 * out: it is the same for every app, and this machine has no route to that CDN.
 */
export async function bundleForForge(appDir: string): Promise<ForgeBundle> {
  const warnings: string[] = [];
  const logger = { info: () => undefined, debug: () => undefined, warn: (message: string) => warnings.push(message) };
  const runtimeOutsideTheApp = Promise.resolve({ script: '', source: 'not fetched', version: 'not fetched' });
  const wrapperProvider = {
    getNodeRuntimeWrapper: () => runtimeOutsideTheApp,
    getNodeRuntimeLoader: () => runtimeOutsideTheApp,
  };
  const bundler = getNodeBundler(logger as never, wrapperProvider, {
    readConfig: () => Promise.resolve({ app: {} }),
  } as never);
  const output = await bundler.bundle({ appDirectory: appDir, entryPoints: entryPointsOf(appDir) });
  const entry = join(output.outputDir, 'index.cjs');
  const code = readFileSync(entry);
  const map = JSON.parse(readFileSync(`${entry}.map`, 'utf8')) as { sources: string[] };
  const sources = map.sources.flatMap((source) => {
    const path = /^webpack:\/\/[^/]*\/\.\/(.+)$/.exec(source)?.[1];
    return path === undefined ? [] : [path];
  });
  return {
    dir: output.outputDir,
    entry,
    rawBytes: statSync(entry).size,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    sources,
    warnings,
    remove: () => rmSync(output.outputDir, { recursive: true, force: true }),
  };
}
