import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigFile, FileSystemReader, FileSystemWriter, StatsigService, listGitIgnoreFiles } from '@forge/cli-shared';
import type { DynamicConfig, DynamicConfigKey } from '@forge/cli-shared';
import { lint, parseSourceFile, problemCount } from '@forge/lint';

// Forge's own linter (what `forge lint` and `forge deploy` run), offline: its client-side checks
// on every source file and the manifest. It parses only the TypeScript files tsconfig.json's
// `include` lists, so the test also proves that it read every file under src/.
const root = join(__dirname, '..', '..');

/** Forge's feature flags, which the CLI reads from Atlassian's service; offline every flag is unset. */
class OfflineFlags extends StatsigService {
  constructor() {
    const noCredentials = { getCredentials: () => Promise.reject(new Error('offline')) };
    const noAppConfig = { readConfigSection: () => Promise.resolve('missing' as const) };
    super({ info: () => undefined } as never, undefined, noCredentials, noAppConfig);
  }
  override checkGate(): Promise<boolean | null> {
    return Promise.resolve(null);
  }
  override getDynamicConfig<F extends DynamicConfigKey>(): Promise<DynamicConfig[F] | null> {
    return Promise.resolve(null);
  }
}

/**
 * The permission linter matches product REST calls (requestConfluence, …) against Atlassian's OpenAPI
 * specs, which it downloads, or reads from LOCAL_*_SWAGGER files. This machine cannot download them
 * and they may not be copied into the repository, so offline they are empty: HDC Ops calls no
 * product API yet, so the scope check has nothing to match either way. Its other checks (egress,
 * storage, UI hooks) run in full.
 */
function withEmptyProductSpecs(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'hdc-forge-specs-'));
  const spec = join(dir, 'empty-openapi.json');
  writeFileSync(spec, JSON.stringify({ paths: {} }));
  const names = [
    'LOCAL_CONF_SWAGGER',
    'LOCAL_CONF_V2_SWAGGER',
    'LOCAL_JIRA_SWAGGER',
    'LOCAL_JSM_SWAGGER',
    'LOCAL_JSW_SWAGGER',
    'LOCAL_BB_SWAGGER',
  ];
  const saved = Object.fromEntries(['USE_LOCAL_SWAGGER', ...names].map((name) => [name, process.env[name]]));
  process.env.USE_LOCAL_SWAGGER = 'true';
  for (const name of names) process.env[name] = spec;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  };
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );

test('forge lint finds no problem, and parses every source file to find none', async () => {
  const cwd = process.cwd();
  process.chdir(root); // the linter reads tsconfig.json and manifest.yml from the working directory
  const restoreEnvironment = withEmptyProductSpecs();
  try {
    const reader = new FileSystemReader();
    const manifest = await new ConfigFile(reader, new FileSystemWriter()).readConfig();
    // The files `forge lint` hands its linter: src/, less what git ignores.
    const files = await reader.recursiveReadDir('./src', [
      ...(await listGitIgnoreFiles(reader)),
      '.git',
      'node_modules',
    ]);
    const parsed: string[] = [];
    const logged: string[] = [];
    const results = await lint(
      files,
      manifest,
      'development',
      { info: (line: string) => logged.push(line) },
      new OfflineFlags(),
      {
        linter: { mode: 'client-side' },
        parseFunction: (filepath: string, parser: Parameters<typeof parseSourceFile>[1]) => {
          parsed.push(relative(root, join(root, filepath)));
          return parseSourceFile(filepath, parser);
        },
      } as never,
    );
    const problems = results.flatMap((result) =>
      [...result.errors, ...result.warnings].map((p) => `${result.file}:${p.line} ${p.message}`),
    );
    expect(problems).toEqual([]);
    expect(problemCount(results)).toEqual({ errors: 0, warnings: 0, approvals: 0 });
    expect(parsed.sort()).toEqual(
      sourceFiles(join(root, 'src'))
        .map((file) => relative(root, file))
        .sort(),
    );
    expect(parsed.length).toBeGreaterThan(60);
  } finally {
    restoreEnvironment();
    process.chdir(cwd);
  }
});
