import type { OpsConsole } from '../../../../src/contract/console';
import { ToneLozenge } from '../../shared/badges';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';
import type { TableColumn } from '../../shared/simple-table';

type Backup = OpsConsole['backups'][number];
type Drill = OpsConsole['drills'][number];

const KIND_LABEL: Record<Backup['kind'], string> = {
  manual: 'Manual',
  pre_restore: 'Before a restore',
  pre_upgrade: 'Before an upgrade',
  drill: 'Drill',
};

const kilobytes = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', maximumFractionDigits: 1 });

const BACKUP_COLUMNS: TableColumn<Backup>[] = [
  { header: 'Taken', cell: (backup) => <RelativeTime iso={backup.snapshotAt} /> },
  { header: 'Kind', cell: (backup) => KIND_LABEL[backup.kind] },
  { header: 'File', cell: (backup) => <code>{backup.fileName}</code> },
  { header: 'Rows', cell: (backup) => whole.format(backup.totalRows) },
  { header: 'Size', cell: (backup) => kilobytes.format(backup.bytes / 1000) },
];

const DRILL_COLUMNS: TableColumn<Drill>[] = [
  { header: 'Ran', cell: (drill) => <RelativeTime iso={drill.ranAt} /> },
  {
    header: 'Result',
    cell: (drill) => (
      <ToneLozenge tone={drill.passed ? 'success' : 'danger'}>{drill.passed ? 'Passed' : 'Failed'}</ToneLozenge>
    ),
  },
  { header: 'RTO', cell: (drill) => (drill.rtoMs === null ? '—' : seconds.format(drill.rtoMs / 1000)) },
  { header: 'RPO', cell: (drill) => (drill.rpoSeconds === null ? '—' : seconds.format(drill.rpoSeconds)) },
];

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
      <SimpleTable
        label="Latest backups"
        columns={BACKUP_COLUMNS}
        rows={backups}
        rowKey={(b) => b.id}
        empty="None yet."
      />
      <h3>Latest drills</h3>
      <SimpleTable label="Latest drills" columns={DRILL_COLUMNS} rows={drills} rowKey={(d) => d.id} empty="None yet." />
    </section>
  );
}
