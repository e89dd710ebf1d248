import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { RESOLVER_PAYLOADS } from '../../src/contract/resolver-keys';
import type { ResolverKey } from '../../src/contract/resolver-keys';
import { createServerTestDatabase } from '../helpers/test-database';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The fenced blocks of a Markdown text with their info string. */
function blocks(markdown: string): { info: string; body: string }[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```/gm)].map((m) => ({
    info: (m[1] ?? '').trim(),
    body: m[2] ?? '',
  }));
}

/**
 * Runbook lines the test does not run, each with its reason. Any other line of a `sh` block runs;
 * a new command that cannot run here must be added with a reason, or the test fails.
 */
const NOT_RUN: [RegExp, string][] = [
  [/^(HDC_DEV_PORT=0 )?npm start\b/, 'serves until stopped; test/e2e starts the same host'],
  [/^url=\$\(scripts\/start-test-postgres\.sh\)/, 'starts a server; .ci/run does'],
  [/^HDC_TEST_DATABASE_URL=\$url npm test/, 'the whole suite, this test included'],
  [/^DATABASE_URL=\$url npm run bench/, 'the benchmark; npm run bench'],
  [/^export CONFLUENCE_/, 'needs a Confluence site and an API token'],
  [
    /^npx hdc-ops cleanup /,
    'needs a Confluence site; test/e2e/orphan-cleanup.test.ts runs the cleanup against the local Confluence',
  ],
  [/^forge /, 'needs the Forge CLI and an Atlassian account'],
  [
    /^npm run demo:incident/,
    'needs npm start running; test/e2e/weekly-report.test.ts runs it against the local host it starts',
  ],
  [/^npm run build$/, "the tests' pretest runs it"],
];

/** Lines that exit 1 by design, as their comment says. */
const exitsOne = (comment: string) => /exit 1(?! on| when| only)/.test(comment) && !/exit 1 only on fail/.test(comment);

test('every relative link in docs/ and the README points at a file that exists', () => {
  const broken: string[] = [];
  for (const file of docs) {
    for (const match of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? '';
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      if (!existsSync(resolve(dirname(join(root, file)), target.split('#')[0] ?? '')))
        broken.push(`${file}: ${target}`);
    }
  }
  expect(broken).toEqual([]);
});

test('every sample payload in docs/resolver-api.md is valid for its key, and every key has one', () => {
  const sample = blocks(read('docs/resolver-api.md')).find((block) => block.info === 'json');
  const payloads = JSON.parse(sample?.body ?? '{}') as Record<string, unknown>;
  expect(Object.keys(payloads).sort()).toEqual(Object.keys(RESOLVER_PAYLOADS).sort());
  for (const [key, payload] of Object.entries(payloads)) {
    const parsed = RESOLVER_PAYLOADS[key as ResolverKey].safeParse(payload);
    expect({
      key,
      ok: parsed.success,
      issues: parsed.success ? [] : parsed.error.issues.map((i) => i.message),
    }).toEqual({ key, ok: true, issues: [] });
  }
});

describe('docs/runbook.md', () => {
  let scratch: string;
  let server: Awaited<ReturnType<typeof createServerTestDatabase>> | undefined;
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'hdc-runbook-'));
    if (process.env.HDC_TEST_DATABASE_URL) server = await createServerTestDatabase(process.env.HDC_TEST_DATABASE_URL);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await server?.drop();
  });

  test('every command of every sh block runs as written on a scratch database (placeholders filled from the demo)', () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HDC_DATA_DIR: join(scratch, 'data'),
      HDC_BACKUP_DIR: join(scratch, 'backups'),
      HDC_PARENT_PAGE_ID: '1000001',
    };
    delete env.DATABASE_URL;
    const sh = (line: string) =>
      execFileSync('bash', ['-c', line], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    sh('npx hdc-ops seed --demo');
    const events = JSON.parse(sh('npx hdc-ops registry list --parent-page-id 1000001 --json')) as {
      events: { id: string; name: string }[];
    };
    const summer = events.events.find((e) => e.name === 'Summer Hack 2026')!.id;
    // The first open alert, once the runbook's evaluation has opened one (the demo's escalation waiting).
    const alertId = () =>
      String(
        (JSON.parse(sh('npx hdc-ops alerts list --as-account demo-operator --all --json')) as { id: number }[])[0]
          ?.id ?? 'none',
      );
    const fill = (line: string) =>
      line
        .replace(/\.hdc\//g, `${scratch}/`)
        .replace(/<id>/g, summer)
        .replace(/<alert-id>/g, () => alertId())
        .replace(/<pre-upgrade backup>/g, `${scratch}/backups/manual.hdcbak.gz`)
        .replace(/DATABASE_URL='postgresql:\/\/…'/, server ? `DATABASE_URL='${server.url}'` : 'DATABASE_URL=');

    const ran: string[] = [];
    const failures: string[] = [];
    for (const block of blocks(read('docs/runbook.md')).filter((b) => b.info === 'sh')) {
      for (const raw of block.body.split('\n')) {
        const [command = '', ...rest] = raw.split(/\s+#\s/);
        const line = command.trim();
        if (line === '') continue;
        if (NOT_RUN.some(([pattern]) => pattern.test(line))) continue;
        if (line.startsWith('DATABASE_URL=') && !server) continue;
        const expected = exitsOne(rest.join(' # ')) ? 1 : 0;
        let code = 0;
        let stderr = '';
        try {
          sh(fill(line));
        } catch (error) {
          code = (error as { status: number }).status;
          stderr = (error as { stderr: string }).stderr.slice(-400);
        }
        ran.push(line);
        if (code !== expected) failures.push(`${line}\n  exit ${code}, expected ${expected}\n  ${stderr}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran.length).toBeGreaterThan(20);
  }, 240_000);
});

/** Every file a comment, a doc or a script may name: the tracked tree's own folders. */
const NAMED_FOLDERS = ['src', 'test', 'db', 'dev', 'bench', 'static', 'scripts', 'config', 'docs', 'bin', '.ci'];
const PATH_NAMED = new RegExp(
  `(?<![\\w./-])((?:${NAMED_FOLDERS.map((f) => f.replace('.', '\\.')).join('|')})/[\\w./-]+\\.(?:tsx|ts|json|mjs|js|sql|yaml|yml|md|css|html|sh))(?![\\w])`,
  'g',
);

function filesBelow(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return ['node_modules', 'dist', 'results'].includes(entry.name) ? [] : filesBelow(path);
    return /\.(ts|tsx|js|mjs|sql|yml|md|sh)$/.test(entry.name) ? [path] : [];
  });
}

test('every file path named in a comment, a doc or a script exists', () => {
  const sources = [
    'README.md',
    'manifest.yml',
    '.ci/run',
    ...NAMED_FOLDERS.filter((dir) => dir !== '.ci').flatMap(filesBelow),
  ];
  const missing = sources.flatMap((file) =>
    [...read(file).matchAll(PATH_NAMED)]
      .map((match) => match[1] ?? '')
      // static/dist is the build's output, not the tree's.
      .filter((path) => !path.startsWith('static/dist/') && !existsSync(join(root, path)))
      .map((path) => `${file}: ${path}`),
  );
  expect(sources.length).toBeGreaterThan(200);
  expect(missing).toEqual([]);
});
