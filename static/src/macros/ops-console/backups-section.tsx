import type { OpsConsole } from '../../../../src/contract/console';
import { ToneLozenge } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';

const KIND_LABEL: Record<OpsConsole['backups'][number]['kind'], string> = {
  manual: 'Manual',
  pre_restore: 'Before a restore',
  pre_upgrade: 'Before an upgrade',
  drill: 'Drill',
};

const bytes = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });

/** The latest backups and drills, read-only: operators take and run them with the operations kit (CLI). */
export function BackupsSection({ backups, drills }: Pick<OpsConsole, 'backups' | 'drills'>) {
  return (
    <section id="backups" className="hdc-section" aria-labelledby="backups-heading">
      <h2 id="backups-heading">Backups and drills</h2>
      <p className="hdc-subtle">
        Read-only here: backups, restores and drills run from the operations kit (hdc-ops backup, restore, drill), where
        the files are.
      </p>
      <h3>Latest backups</h3>
      {backups.length === 0 ? (
        <p className="hdc-subtle">None yet.</p>
      ) : (
        <table className="hdc-table" aria-label="Latest backups">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">File</th>
              <th scope="col">Rows</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.id} data-backup-id={backup.id}>
                <td>
                  <RelativeTime iso={backup.snapshotAt} />
                </td>
                <td>{KIND_LABEL[backup.kind]}</td>
                <td>
                  <code>{backup.fileName}</code>
                </td>
                <td>{whole.format(backup.totalRows)}</td>
                <td>{bytes.format(backup.bytes / 1000)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Latest drills</h3>
      {drills.length === 0 ? (
        <p className="hdc-subtle">None yet.</p>
      ) : (
        <table className="hdc-table" aria-label="Latest drills">
          <thead>
            <tr>
              <th scope="col">Ran</th>
              <th scope="col">Result</th>
              <th scope="col">RTO</th>
              <th scope="col">RPO</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((drill) => (
              <tr key={drill.id} data-drill-id={drill.id}>
                <td>
                  <RelativeTime iso={drill.ranAt} />
                </td>
                <td>
                  <ToneLozenge tone={drill.passed ? 'success' : 'danger'}>
                    {drill.passed ? 'Passed' : 'Failed'}
                  </ToneLozenge>
                </td>
                <td>{drill.rtoMs === null ? '—' : seconds.format(drill.rtoMs / 1000)}</td>
                <td>{drill.rpoSeconds === null ? '—' : seconds.format(drill.rpoSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
