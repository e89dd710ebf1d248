/**
 * What this build is: the package version (CHANGELOG.md's latest release; test/unit/release.test.ts
 * keeps them equal) and the schema version its SQL functions expect (the latest migration in
 * db/migrations; the same test keeps them equal). Constants, because the Forge bundle carries
 * neither package.json nor db/.
 */
export const HDC_OPS_VERSION = '0.2.0';
export const EXPECTED_SCHEMA_VERSION = 15;
