/**
 * Confluence storage format, written by HDC Ops: XHTML with Confluence's own elements. Every text
 * that comes from data goes through escapeXml; a mention is Confluence's user link, which is what
 * makes Confluence notify the person (in-app and by email).
 */
export const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[char] ?? char,
  );

export const mention = (accountId: string): string =>
  `<ac:link><ri:user ri:account-id="${escapeXml(accountId)}" /></ac:link>`;

/** Storage format's own entities back to text (what escapeXml wrote). */
export const unescapeXml = (text: string): string =>
  text.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (entity) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" })[entity] ?? entity,
  );

/** The account ids a storage body mentions, in order, once each. */
export function mentionedAccounts(storage: string): string[] {
  const found = [...storage.matchAll(/<ri:user\s+ri:account-id="([^"]{1,128})"\s*\/>/g)].map((match) =>
    unescapeXml(match[1] ?? ''),
  );
  return [...new Set(found)];
}

export const paragraph = (storage: string): string => `<p>${storage}</p>`;
export const heading = (text: string): string => `<h2>${escapeXml(text)}</h2>`;
export const strong = (text: string): string => `<strong>${escapeXml(text)}</strong>`;

/** A table with a header row; cells are plain text. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const row = (cells: readonly string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell) => `<${tag}>${escapeXml(cell)}</${tag}>`).join('')}</tr>`;
  return `<table><tbody>${row(headers, 'th')}${rows.map((cells) => row(cells, 'td')).join('')}</tbody></table>`;
}

const UTC_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A time on a Confluence page, read by people in many time zones: "7 Dec 2026, 14:05 UTC". */
export const pageTime = (iso: string | Date): string => `${UTC_TIME.format(new Date(iso))} UTC`;

const UTC_DAY = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) as a page title writes it: "30 Nov 2026". */
export const pageDay = (day: string): string => UTC_DAY.format(new Date(`${day}T00:00:00Z`));
