import type { FailedItem } from '../../../../src/contract/results';

const REASON: Record<FailedItem['reason'], string> = {
  empty_title: 'The title is empty',
  missing_owner: 'The hack has no owner',
};

export function FailedItems({ items }: { items: FailedItem[] }) {
  if (items.length === 0) return null;
  return (
    <section className="hdc-section" aria-labelledby="failed-items-heading">
      <h2 id="failed-items-heading">Failed items ({items.length})</h2>
      <table className="hdc-table">
        <thead>
          <tr>
            <th scope="col">Hack</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.hackId}>
              <td>{item.title.trim() === '' ? <em className="hdc-subtle">(no title)</em> : item.title}</td>
              <td>{REASON[item.reason]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
