import { unescapeXml } from '../src/confluence/storage-format';
/** The storage-format elements the local host shows as themselves (without attributes); others are dropped. */
const KEPT = new Set(['p', 'strong', 'em', 'h2', 'h3', 'table', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'sub', 'br']);

/** Text as HTML shows it, and attribute values too. */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/**
 * A page body in Confluence storage format as the local host shows it: a whitelist of plain
 * elements, a mention as "@Display Name", text re-escaped; anything else (attributes, scripts,
 * other macros) is dropped. Bodies come from the API, so they are treated as untrusted.
 */
export function storageToHtml(storage: string, displayName: (accountId: string) => string): string {
  return (storage.match(/<[^>]*>|[^<]+/g) ?? [])
    .map((token) => {
      if (!token.startsWith('<')) return escapeHtml(unescapeXml(token));
      const user = /^<ri:user\s+ri:account-id="([^"]{1,128})"\s*\/>$/.exec(token);
      if (user !== null) return `<span class="mention">@${escapeHtml(displayName(unescapeXml(user[1] ?? '')))}</span>`;
      const element = /^<(\/?)([a-z0-9]+)(?:\s[^>]*)?\/?>$/.exec(token);
      if (element !== null && KEPT.has(element[2] ?? '')) return `<${element[1] ?? ''}${element[2] ?? ''}>`;
      return '';
    })
    .join('');
}
