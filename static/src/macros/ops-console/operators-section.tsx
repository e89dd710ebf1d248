import type { OpsConsole } from '../../../../src/contract/console';
import { useDisplayNames } from '../../shared/display-names';
import { RelativeTime } from '../../shared/relative-time';
import { SimpleTable } from '../../shared/simple-table';

/** Who added an operator: a person, or the CLI run by an OS user (`cli:<user>`), which is no account to look up. */
const cliUser = (actor: string) => (actor.startsWith('cli:') ? actor.slice('cli:'.length) : null);

/** The site's HDC operators (read-only: added and removed with `hdc-ops operator add|remove`, audited). */
export function OperatorsSection({ operators }: Pick<OpsConsole, 'operators'>) {
  const nameOf = useDisplayNames(operators.map((operator) => operator.accountId));
  // Who added them, looked up apart: a seed or a tool that is no account must not fail the operators' names.
  const adderName = useDisplayNames(
    operators.map((operator) => operator.addedBy).filter((actor) => cliUser(actor) === null),
  );
  const adder = (actor: string) => {
    const user = cliUser(actor);
    return user === null ? adderName(actor) : `the CLI (${user})`;
  };
  return (
    <section id="operators" className="hdc-section" aria-labelledby="operators-heading">
      <h2 id="operators-heading">Operators</h2>
      <p className="hdc-subtle">
        Who may use this console, clean up pages and read operations. Added and removed by an operator with hdc-ops
        operator add | remove (audited).
      </p>
      <SimpleTable
        label="HDC operators"
        columns={[
          { header: 'Operator', cell: (operator) => nameOf(operator.accountId) },
          { header: 'Added by', cell: (operator) => adder(operator.addedBy) },
          { header: 'Added', cell: (operator) => <RelativeTime iso={operator.addedAt} /> },
        ]}
        rows={operators}
        rowKey={(operator) => operator.accountId}
        rowData={() => ({ 'data-operator': true })}
      />
    </section>
  );
}
