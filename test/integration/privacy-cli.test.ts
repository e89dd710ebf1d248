import { useCliOnEmbeddedDatabase } from '../helpers/cli-runner';

// hdc-ops privacy erase|report [--json], on the demo (the report's rules: test/integration/personal-data.test.ts).
const runner = useCliOnEmbeddedDatabase();
const run = (args: string[], env: Record<string, string> = {}) =>
  runner.cli(args, { HDC_PARENT_PAGE_ID: '1000001', ...env });

beforeAll(async () => {
  expect((await run(['migrate'])).code).toBe(0);
  expect((await run(['seed', '--demo'])).code).toBe(0);
});

test('privacy erase: an operator erases a person, audited by pseudonym; bad input and non-operators change nothing', async () => {
  const usage = await run(['privacy', 'erase', '--account', 'not an id', '--as-account', 'demo-operator']);
  expect(usage.code).toBe(2);
  expect(usage.err).toMatch(/--account needs the Atlassian account id to erase/);
  const refused = await run(['privacy', 'erase', '--account', 'demo-owner-ada', '--as-account', 'demo-non-admin']);
  expect(refused.code).toBe(1);
  expect(refused.err).toMatch(/\[forbidden\]: Only HDC operators may erase a person's data/);

  const erased = await run([
    'privacy',
    'erase',
    '--account',
    'demo-owner-ada',
    '--as-account',
    'demo-operator',
    '--json',
  ]);
  expect(erased.code).toBe(0);
  const erasure = JSON.parse(erased.out) as { erased: number; rows: number; pseudonyms: string[] };
  expect(erasure.erased).toBe(1);
  expect(erasure.pseudonyms[0]).toMatch(/^erased-[0-9a-f]{12}$/);
  const again = await run(['privacy', 'erase', '--account', 'demo-owner-ada', '--as-account', 'demo-operator']);
  expect(again.out).toMatch(/No row of this site names demo-owner-ada: nothing was erased/);
});

test('privacy report: without Atlassian to report to, it fails with the reason and the ops summary shows it', async () => {
  const report = await run(['privacy', 'report']);
  expect(report.code).toBe(1);
  expect(report.out).toMatch(/Privacy report failed: 0 accounts reported/);
  expect(report.out).toMatch(/not reachable from here/);
  const summary = await run(['ops', 'summary', '--as-account', 'demo-operator']);
  expect(summary.out).toMatch(/Privacy report: none completed yet; last run stopped .*not reachable from here/);
});
