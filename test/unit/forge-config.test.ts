import { forgeWebtriggerSecret } from '../../src/forge/forge-app';

test('the web trigger secret comes from the validated configuration, and none while it cannot be read (every request refused)', () => {
  expect(forgeWebtriggerSecret({ HDC_WEBTRIGGER_SECRET: 's3cret' })).toBe('s3cret');
  expect(forgeWebtriggerSecret({})).toBeUndefined();
  expect(forgeWebtriggerSecret({ HDC_WEBTRIGGER_SECRET: 's3cret', HDC_SITE_ID: 'not a site' })).toBeUndefined();
});
