import type { FailedItem } from '../../../../src/contract/results';

const REASON: Record<FailedItem['reason'], string> = {
  empty_title: 'The title is empty',
  missing_owner: 'The hack has no owner',
};

/** Who fixes each failed hack, and where: its owner and its page, when it has one. */
export function FailedItems({ items, nameOf }: { items: FailedItem[]; nameOf: (accountId: string) => string }) {
  if (items.length === 0) return null;
  return (
    <section className="hdc-section" aria-labelledby="failed-items-heading">
      <h2 id="failed-items-heading">Failed items ({items.length})</h2>
      <table className="hdc-table">
        <thead>
          <tr>
            <th scope="col">Hack</th>
            <th scope="col">Reason</th>
            <th scope="col">Owner</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const title = item.title.trim() === '' ? <em className="hdc-subtle">(no title)</em> : item.title;
            return (
              <tr key={item.hackId}>
                <td>
                  {item.pageId === null ? (
                    title
                  ) : (
                    <a href={`/wiki/pages/viewpage.action?pageId=${encodeURIComponent(item.pageId)}`} target="_top">
                      {title}
                    </a>
                  )}
                </td>
                <td>{REASON[item.reason]}</td>
                <td>
                  {item.ownerAccountId === null ? (
                    <em className="hdc-subtle">no owner: ask the team</em>
                  ) : (
                    nameOf(item.ownerAccountId)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
