import type { SiteId } from '../../src/shared/site';

/** The site every test acts for unless it says otherwise, and a second one to prove isolation. */
export const TEST_SITE: SiteId = 'ari:cloud:confluence::site/test-site-a';
export const OTHER_SITE: SiteId = 'ari:cloud:confluence::site/test-site-b';
