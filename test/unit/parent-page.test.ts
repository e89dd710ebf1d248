import { chooseParentPage } from '../../src/shared/parent-page';

// One choice of HDC parent page for the registry, scans, scan jobs and the scheduled scan.
test.each([
  ['the page the caller names wins', { requested: '1', configured: '2', macroPage: '3' }, '1'],
  ['then the configured HDC parent page', { requested: undefined, configured: '2', macroPage: '3' }, '2'],
  ['then the page the macro is on', { requested: undefined, configured: undefined, macroPage: '3' }, '3'],
  ['none when nothing names one', { requested: undefined, configured: undefined, macroPage: undefined }, undefined],
  ['the schedule has only the configured page', { configured: '2' }, '2'],
])('%s', (_name, choices, expected) => {
  expect(chooseParentPage(choices)).toBe(expected);
});
