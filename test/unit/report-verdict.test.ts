import { decideVerdict, sectionStatus } from '../../src/contract/report-verdict';
import type { SectionVerdict } from '../../src/contract/report-verdict';

const judged = (...statuses: SectionVerdict['status'][]): SectionVerdict[] =>
  statuses.map((status) => ({ status, advisory: false }));

test.each<[string, SectionVerdict[], Parameters<typeof decideVerdict>[1], string, string, RegExp]>([
  ['every section passed', judged('PASS', 'PASS'), [], 'PASS', 'none', /^Every check passed: no impact/],
  ['a warning finding', judged('PASS'), [{ severity: 'warning' }], 'CONDITIONAL', 'none', /^Passed with warnings/],
  ['a conditional section', judged('PASS', 'CONDITIONAL'), [], 'CONDITIONAL', 'none', /^Passed with warnings/],
  [
    'a failed section without a SEV finding',
    judged('PASS', 'FAIL'),
    [],
    'FAIL',
    'SEV-3',
    /^Failed \(SEV-3\): fix the failed checks/,
  ],
  [
    'a SEV-2 finding',
    judged('FAIL'),
    [{ severity: 'SEV-2' }, { severity: 'SEV-3' }],
    'FAIL',
    'SEV-2',
    /^Failed with a SEV-2 incident: hold releases/,
  ],
  [
    'an advisory section that is not met',
    [...judged('PASS'), { status: 'CONDITIONAL', advisory: true }],
    [],
    'PASS',
    'none',
    /^Every check passed/,
  ],
])('%s → %s', (_label, sections, findings, status, severity, sentence) => {
  const verdict = decideVerdict(sections, findings);
  expect(verdict).toMatchObject({ status, severity });
  expect(verdict.sentence).toMatch(sentence);
});

test('the overall status is never better than a section that judges, nor than a finding', () => {
  const statuses = ['PASS', 'CONDITIONAL', 'FAIL'] as const;
  const rank = { PASS: 0, CONDITIONAL: 1, FAIL: 2 };
  const severities = [
    [],
    [{ severity: 'warning' as const }],
    [{ severity: 'SEV-3' as const }],
    [{ severity: 'SEV-2' as const }],
  ];
  for (const a of statuses) {
    for (const b of statuses) {
      for (const advisory of statuses) {
        for (const findings of severities) {
          const verdict = decideVerdict([...judged(a, b), { status: advisory, advisory: true }], findings);
          expect(rank[verdict.status]).toBeGreaterThanOrEqual(Math.max(rank[a], rank[b]));
          if (findings.some((f) => f.severity !== 'warning')) expect(verdict.status).toBe('FAIL');
          if (verdict.status === 'PASS') expect(verdict.severity).toBe('none');
          if (verdict.status === 'FAIL') expect(verdict.severity).not.toBe('none');
        }
      }
    }
  }
});

test('a section is no better than the findings that belong to it', () => {
  expect(sectionStatus('PASS', [])).toBe('PASS');
  expect(sectionStatus('PASS', [{ severity: 'warning' }])).toBe('CONDITIONAL');
  expect(sectionStatus('CONDITIONAL', [{ severity: 'SEV-3' }])).toBe('FAIL');
  expect(sectionStatus('FAIL', [{ severity: 'warning' }])).toBe('FAIL');
});

test('a FAIL never reads "no incident", and "hold releases" only comes with a SEV-2', () => {
  for (const sections of [judged('FAIL'), judged('FAIL', 'CONDITIONAL'), judged('PASS', 'FAIL')]) {
    for (const findings of [[], [{ severity: 'warning' as const }], [{ severity: 'SEV-3' as const }]]) {
      const verdict = decideVerdict(sections, findings);
      expect(verdict.severity).not.toBe('none');
      expect(verdict.sentence).not.toMatch(/hold releases/);
    }
  }
});
