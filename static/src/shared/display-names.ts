import { requestConfluence } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { isErasedAccount } from '../../../src/contract/erased-account';

/**
 * Account id → display name, from Confluence's user API as the viewer (POST /wiki/api/v2/users-bulk),
 * so people read names and Confluence decides what the viewer may see. Until the names arrive, or
 * when the lookup fails, the account id stands in. One lookup per set of ids per frame.
 */
const known = new Map<string, string>();

async function lookUp(accountIds: readonly string[]): Promise<void> {
  const missing = accountIds.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  const response = await requestConfluence('/wiki/api/v2/users-bulk', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ accountIds: missing.slice(0, 200) }),
  });
  if (!response.ok) return;
  const body = (await response.json()) as {
    results?: { accountId?: unknown; displayName?: unknown; publicName?: unknown }[];
  };
  for (const user of body.results ?? []) {
    const name =
      typeof user.displayName === 'string'
        ? user.displayName
        : typeof user.publicName === 'string'
          ? user.publicName
          : undefined;
    if (typeof user.accountId === 'string' && name !== undefined && name.trim() !== '') known.set(user.accountId, name);
  }
}

/** What the macros call an erased person (their pseudonym names no one), as Confluence calls a closed account. */
const FORMER_USER = 'Former user';

/** A function that names an account: its display name once known, else the id itself; an erased person "Former user". */
export function useDisplayNames(accountIds: readonly string[]): (accountId: string) => string {
  const [, setVersion] = useState(0);
  const key = [...new Set(accountIds.filter((id) => !isErasedAccount(id)))].sort().join(',');
  useEffect(() => {
    if (key === '') return;
    let current = true;
    lookUp(key.split(','))
      .catch(() => undefined)
      .finally(() => {
        if (current) setVersion((v) => v + 1);
      });
    return () => {
      current = false;
    };
  }, [key]);
  return (accountId) => (isErasedAccount(accountId) ? FORMER_USER : (known.get(accountId) ?? accountId));
}
