import { forgeThresholds } from '../../src/forge/forge-app';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS } from '../../src/verification/default-thresholds';
import { loadThresholdsFile, parseThresholdsYaml } from '../../src/verification/thresholds-source';
import { thresholdsFromText } from '../../src/verification/thresholds';

/** The AppError `work` throws (the test fails when it throws nothing). */
function errorOf(work: () => unknown): { code?: string; message?: string } {
  try {
    work();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('expected an error');
}

const file = join(__dirname, '..', '..', 'config', 'thresholds.yml');
const text = readFileSync(file, 'utf8');

test('config/thresholds.yml is valid and equal to the built-in defaults Forge uses', () => {
  expect(loadThresholdsFile(file)).toEqual(DEFAULT_THRESHOLDS);
});

test.each([
  ['a budget that is not a number', text.replace('p95_ms: 120', 'p95_ms: fast'), /budgets\.registry_lookup\.p95_ms/],
  ['an unknown field', text.replace('sampler:', 'sampler:\n  colour: blue'), /sampler: unknown field colour/],
  ['a missing section', text.replace(/integrity_regression:[\s\S]*?\n\n/, ''), /integrity_regression/],
  ['rates that do not rise', text.replace('rate: 0.10', 'rate: 0.04'), /error_rate: must rise/],
  [
    'an unknown severity',
    text.replace('first_severity: SEV-3', 'first_severity: SEV-9'),
    /missing_metric\.first_severity/,
  ],
  [
    'a metric that is not telemetry',
    text.replace('metric: sync_execution', 'metric: sync'),
    /budgets\.complete_and_sync\.metric/,
  ],
  [
    'an error-rate window that is not whole 5-minute bins',
    text.replace('window_minutes: 15', 'window_minutes: 12'),
    /error_rate\.escalate\.window_minutes: must be a multiple of 5 minutes/,
  ],
  [
    'raw rows kept longer than their rollups',
    text.replace('raw_retention_days: 14', 'raw_retention_days: 120'),
    /sampler: raw_retention_days must not exceed retention_days/,
  ],
])('%s is a validation error naming the field', (_label, yaml, field) => {
  const error = errorOf(() => parseThresholdsYaml(yaml, 'thresholds.yml'));
  expect(error.code).toBe('validation');
  expect(error.message).toMatch(field);
});

test('a thresholds file from before the rollups keeps raw rows 14 days', () => {
  expect(
    parseThresholdsYaml(text.replace('\n  raw_retention_days: 14', ''), 'thresholds.yml').sampler.raw_retention_days,
  ).toBe(14);
});

test('broken YAML says where', () => {
  const error = errorOf(() => parseThresholdsYaml('budgets: [unclosed', 'thresholds.yml'));
  expect(error).toMatchObject({ code: 'validation' });
  expect(error.message).toMatch(/thresholds\.yml cannot be read \(line 1\)/);
});

test('Forge reads the thresholds in their JSON form, the same values as the YAML', () => {
  expect(thresholdsFromText(JSON.stringify(DEFAULT_THRESHOLDS), 'HDC_THRESHOLDS_YAML', JSON.parse)).toEqual(
    DEFAULT_THRESHOLDS,
  );
  const error = errorOf(() => thresholdsFromText(text, 'HDC_THRESHOLDS_YAML', JSON.parse));
  expect(error).toMatchObject({ code: 'validation', message: 'HDC_THRESHOLDS_YAML cannot be read' });
});

test('Forge takes HDC_THRESHOLDS_JSON, else the old name HDC_THRESHOLDS_YAML, else the defaults generated from the YAML', () => {
  const stricter = { ...DEFAULT_THRESHOLDS, recovery: { ...DEFAULT_THRESHOLDS.recovery, rpo_hours: 4 } };
  const older = { ...DEFAULT_THRESHOLDS, recovery: { ...DEFAULT_THRESHOLDS.recovery, rpo_hours: 12 } };
  expect(forgeThresholds({ json: JSON.stringify(stricter), yaml: JSON.stringify(older), file: undefined })).toEqual(
    stricter,
  );
  expect(forgeThresholds({ json: undefined, yaml: JSON.stringify(older), file: undefined })).toEqual(older);
  expect(forgeThresholds({ json: undefined, yaml: undefined, file: undefined })).toEqual(DEFAULT_THRESHOLDS);
  expect(errorOf(() => forgeThresholds({ json: 'budgets: 3', yaml: undefined, file: undefined }))).toMatchObject({
    code: 'validation',
    message: 'HDC_THRESHOLDS_JSON cannot be read',
  });
});

test('a missing file is a clear error', () => {
  const error = errorOf(() => loadThresholdsFile('/nonexistent/thresholds.yml'));
  expect(error).toMatchObject({ code: 'validation' });
  expect(error.message).toContain('/nonexistent/thresholds.yml');
});
