/**
 * The HDC parent page an operation is about, chosen one way everywhere (registry, scans, scan jobs,
 * the scheduled scan): the page the caller names, else the site's configured HDC parent page
 * (HDC_PARENT_PAGE_ID, validated in src/shared/config.ts), else the page the macro is on.
 */
export function chooseParentPage(choices: {
  requested?: string | undefined;
  configured: string | undefined;
  macroPage?: string | undefined;
}): string | undefined {
  return choices.requested ?? choices.configured ?? choices.macroPage;
}
