/**
 * Forge tells a Forge-hosted app nothing when a site uninstalls it: a site with no call and no
 * audited change for this many days is listed as inactive by `hdc-ops sites list`, and its data is
 * erased with `hdc-ops site erase` at the operator's decision (docs/runbook.md: Retention).
 */
export const INACTIVE_SITE_DAYS = 90;
