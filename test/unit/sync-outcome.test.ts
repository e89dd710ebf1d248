import { classifySyncError, classifySyncOutcome } from '../../src/sync/sync-outcome';
import { AppError } from '../../src/shared/app-error';

describe('classifySyncOutcome', () => {
  test('no submitted hacks is a terminal validation failure', () => {
    expect(classifySyncOutcome({ submittedHacks: 0, succeededTotal: 0, failedNow: 0 })).toEqual({ status: 'failed', errorCategory: 'validation', retryable: false });
  });
  test('nothing failed is complete', () => {
    expect(classifySyncOutcome({ submittedHacks: 3, succeededTotal: 3, failedNow: 0 })).toEqual({ status: 'complete', errorCategory: 'none', retryable: false });
  });
  test('some failed with others synced is a retryable partial', () => {
    expect(classifySyncOutcome({ submittedHacks: 3, succeededTotal: 2, failedNow: 1 })).toEqual({ status: 'partial', errorCategory: 'partial_failure', retryable: true });
  });
  test('all failed is a retryable failed sync', () => {
    expect(classifySyncOutcome({ submittedHacks: 2, succeededTotal: 0, failedNow: 2 })).toEqual({ status: 'failed', errorCategory: 'validation', retryable: true });
  });
});

describe('classifySyncError', () => {
  test.each([
    ['forbidden', 'permission', false],
    ['read_only', 'validation', false],
    ['transient', 'transient', true],
    ['conflict', 'transient', true],
    ['internal', 'unknown', false],
  ] as const)('%s maps to %s', (code, category, retryable) => {
    expect(classifySyncError(new AppError(code, 'x'))).toEqual({ errorCategory: category, retryable });
  });
});
