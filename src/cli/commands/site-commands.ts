import { countOf } from '../../contract/plural';
import type { SiteOverview } from '../../app/database-admin';
import { INACTIVE_SITE_DAYS } from '../../ops/site-retention';
import { cliActor } from '../cli-actor';
import type { CliIo } from '../cli-io';
import { emit, table } from '../cli-io';
import { withCliSession } from '../cli-session';
import type { SessionOptions } from '../cli-session';
import { ExitError } from '../exit-error';
import { automaticBackupFile, progressLines } from './operations-commands';

function sitesText(sites: readonly SiteOverview[]): string {
  if (sites.length === 0) return 'No site has rows in this database.';
  return [
    table([
      ['site', 'rows', 'installed', 'version', 'last active', 'status'],
      ...sites.map((site) => [
        site.site,
        String(site.rows),
        site.installedAt ?? 'unknown',
        site.version ?? 'unknown',
        site.lastActiveAt ?? 'never',
        site.inactive ? `INACTIVE (over ${INACTIVE_SITE_DAYS} days)` : 'active',
      ]),
    ]),
    `Inactive: no call and no audited change for ${INACTIVE_SITE_DAYS} days (Forge sends no uninstall event). Erase one with hdc-ops site erase --site S --confirm S.`,
  ].join('\n');
}

/** `hdc-ops sites list [--json]`: every site of the database, its rows, installation and last activity. */
export async function sitesListCommand(io: CliIo, options: SessionOptions & { json: boolean }): Promise<void> {
  await withCliSession(io, options, async (session) => {
    const sites = await session.admin('sites list').sitesOverview(session.clock.now(), INACTIVE_SITE_DAYS);
    emit(io, options.json, sites, () => sitesText(sites));
  });
}

/**
 * `hdc-ops site erase --site S --confirm S [--json]`: a final backup of the site, then every row of it
 * in one transaction, verified gone and logged where no site owns it. Refused unless --confirm repeats
 * the site.
 */
export async function siteEraseCommand(
  io: CliIo,
  options: SessionOptions & { confirm?: string; json: boolean },
): Promise<void> {
  const usage = 'hdc-ops site erase --site <site> --confirm <the same site>';
  if (options.site === undefined) throw new ExitError(2, 'site erase needs --site: the site whose data leaves', usage);
  if (options.confirm !== options.site)
    throw new ExitError(2, 'site erase needs --confirm with the same site: every row of it is erased', usage);
  await withCliSession(io, options, async (session) => {
    const file = automaticBackupFile(session, 'final');
    io.err(`Final backup of ${session.site}: ${file}`);
    const erased = await session.services.recovery.erase({ actor: cliActor(), file, progress: progressLines(io) });
    emit(
      io,
      options.json,
      { site: session.site, rows: erased.rows, tables: erased.tables, backup: erased.backup.file },
      () =>
        [
          `Erased ${session.site}: ${countOf(erased.rows, 'row', 'rows')} in ${countOf(Object.keys(erased.tables).length, 'table', 'tables')}, none left.`,
          `Final backup (verified): ${erased.backup.file} (SHA-256 ${erased.backup.payloadSha256}); keep it no longer than the retention period.`,
        ].join('\n'),
    );
  });
}
