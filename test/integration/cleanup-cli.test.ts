import { DEMO_CONFLUENCE_ACCOUNTS, DEMO_ORPHANS } from '../../dev/local-confluence/demo-confluence-pages';
import { LOCAL_CONFLUENCE_TOKEN } from '../../dev/local-confluence/local-confluence-server';
import { serveLocalConfluence } from '../../dev/local-confluence/serve-local-confluence';
import { openLocalConfluenceSite } from '../../dev/start-local-host';
import { DEMO_ACCOUNTS, DEMO_PARENT_PAGE_ID } from '../../src/seed/demo-hdc';
import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

// Every cleanup command exactly as the README writes it, against the local Confluence over HTTP,
// on the embedded database: scan, plan, execute, status, restore; a refusal exits 1.
const { cli } = useCliOnEmbeddedDatabase();
let confluence: Awaited<ReturnType<typeof serveLocalConfluence>>;

beforeAll(async () => {
  confluence = await serveLocalConfluence(openLocalConfluenceSite(undefined, DEMO_PARENT_PAGE_ID), {
    accounts: DEMO_CONFLUENCE_ACCOUNTS,
    retryAfterSeconds: 0,
  });
  expect((await cli(['seed', '--demo'])).code).toBe(0);
}, 120_000);
afterAll(() => confluence.close());

/** The CLI with Confluence credentials: the API token's owner acts in Confluence. */
const asTokenOwner = (owner: string) => ({
  CONFLUENCE_BASE_URL: confluence.url,
  CONFLUENCE_EMAIL: owner,
  CONFLUENCE_API_TOKEN: LOCAL_CONFLUENCE_TOKEN,
});
const operatorEnv = () => asTokenOwner(DEMO_ACCOUNTS.operator);
const A = ['--as-account', DEMO_ACCOUNTS.operator];

test('scan, plan, execute, status and restore, as the README writes them', async () => {
  const scan = await cli(['cleanup', 'scan', ...A], operatorEnv());
  expect(scan).toMatchObject({
    code: 0,
    out: expect.stringContaining('Orphan pages 5 · dangling events 1 · duplicate references 1'),
  });

  const planned = await cli(
    ['cleanup', 'plan', ...A, '--trash', DEMO_ORPHANS.withChild, DEMO_ORPHANS.child, '--json'],
    operatorEnv(),
  );
  expect(planned.code).toBe(0);
  const plan = JSON.parse(planned.out) as { planId: string; hash: string };

  const executed = await cli(
    ['cleanup', 'execute', ...A, '--plan-id', plan.planId, '--hash', plan.hash],
    operatorEnv(),
  );
  expect(executed).toMatchObject({
    code: 0,
    out: expect.stringContaining(
      '2 done, 0 skipped (changed since planning: see the reasons), 0 failed (refused by Confluence).',
    ),
  });
  expect(confluence.site.page(DEMO_ORPHANS.child)?.status).toBe('trashed');

  const status = await cli(['cleanup', 'status', ...A, '--plan-id', plan.planId], operatorEnv());
  expect(status).toMatchObject({ code: 0, out: expect.stringContaining(`Plan ${plan.planId} (executed)`) });

  const restored = await cli(['cleanup', 'restore', ...A, '--plan-id', plan.planId], operatorEnv());
  expect(restored).toMatchObject({ code: 0, out: expect.stringContaining('2 restored, 0 skipped') });
  expect(confluence.site.page(DEMO_ORPHANS.child)).toMatchObject({
    status: 'current',
    parentId: DEMO_ORPHANS.withChild,
  });
});

test('execute exits 1 when Confluence refused an item, and prints the counts; restore without --plan-id is bad usage', async () => {
  expect((await cli(['operator', 'add', DEMO_ACCOUNTS.nonAdmin])).code).toBe(0);
  expect((await cli(['cleanup', 'scan', ...A], operatorEnv())).code).toBe(0);
  const planned = await cli(['cleanup', 'plan', ...A, '--trash', DEMO_ORPHANS.unreferenced, '--json'], operatorEnv());
  const plan = JSON.parse(planned.out) as { planId: string; hash: string };
  // The token belongs to someone Confluence does not let delete pages.
  const refused = await cli(
    ['cleanup', 'execute', '--as-account', DEMO_ACCOUNTS.nonAdmin, '--plan-id', plan.planId, '--hash', plan.hash],
    asTokenOwner(DEMO_ACCOUNTS.nonAdmin),
  );
  expect(refused.code).toBe(1);
  expect(refused.out).toContain(
    '0 done, 0 skipped (changed since planning: see the reasons), 1 failed (refused by Confluence).',
  );
  expect(refused.err).toContain('1 of 1 item failed');
  expect(confluence.site.page(DEMO_ORPHANS.unreferenced)?.status).toBe('current');

  const usage = await cli(['cleanup', 'restore', ...A], operatorEnv());
  expect(usage.code).toBe(2);
  expect(usage.err).toContain("required option '--plan-id <id>' not specified");
});

test('every cleanup command shows its flags in --help', async () => {
  for (const command of ['scan', 'plan', 'execute', 'status', 'restore']) {
    const help = await cli(['cleanup', command, '--help']);
    expect(help.code).toBe(0);
    for (const line of help.out.split('\n').filter((text) => /^\s+--/.test(text))) {
      expect({ command, line, described: /\S\s{2,}\S/.test(line.trim()) }).toEqual({ command, line, described: true });
    }
  }
});
