import { decideVerdict } from '../../src/contract/report-verdict';

test.each<[string, Parameters<typeof decideVerdict>[0], Parameters<typeof decideVerdict>[1], string, string, RegExp]>([
  ['every check passed', ['PASS', 'PASS'], [], 'PASS', 'none', /^Every check passed: no impact/],
  ['a warning finding', ['PASS'], [{ severity: 'warning' }], 'CONDITIONAL', 'none', /^Passed with warnings/],
  [
    'a conditional check with a SEV-3 finding',
    ['CONDITIONAL'],
    [{ severity: 'SEV-3' }],
    'CONDITIONAL',
    'SEV-3',
    /^Passed with a SEV-3 finding/,
  ],
  [
    'a failed check without a SEV finding',
    ['PASS', 'FAIL'],
    [],
    'FAIL',
    'SEV-3',
    /^Failed \(SEV-3\): fix the failed checks/,
  ],
  [
    'a SEV-2 finding',
    ['FAIL'],
    [{ severity: 'SEV-2' }, { severity: 'SEV-3' }],
    'FAIL',
    'SEV-2',
    /^Failed with a SEV-2 incident: hold releases/,
  ],
])('%s → %s', (_label, checks, findings, status, severity, sentence) => {
  const verdict = decideVerdict(checks, findings);
  expect(verdict).toMatchObject({ status, severity });
  expect(verdict.sentence).toMatch(sentence);
});

test('a FAIL never reads "no incident", and "hold releases" only comes with a SEV-2', () => {
  for (const checks of [['FAIL'], ['FAIL', 'CONDITIONAL'], ['PASS', 'FAIL']] as const) {
    for (const findings of [[], [{ severity: 'warning' as const }], [{ severity: 'SEV-3' as const }]]) {
      const verdict = decideVerdict(checks, findings);
      expect(verdict.severity).not.toBe('none');
      expect(verdict.sentence).not.toMatch(/hold releases/);
    }
  }
});
