import { invoke } from '@forge/bridge';
import type { Envelope } from '../../../src/contract/envelope';
import type { ResolverKey, ResolverPayload, ResolverReplies } from '../../../src/contract/resolver-keys';

/**
 * The one way a macro talks to the backend: a resolver key from the shared contract, its payload
 * type and its reply type. A bridge failure (offline, host gone) becomes an error envelope too,
 * so every screen handles exactly one shape.
 */
export async function callResolver<K extends ResolverKey>(
  key: K,
  payload: ResolverPayload<K>,
): Promise<Envelope<ResolverReplies[K]>> {
  try {
    // Without metadata, invoke resolves to the resolver's reply itself.
    return (await invoke(key, payload as Record<string, unknown>)) as Envelope<ResolverReplies[K]>;
  } catch {
    return {
      ok: false,
      error: {
        code: 'unavailable',
        message: 'HDC Ops could not be reached from this page.',
        guidance: 'Check your connection and reload the page.',
        retryable: true,
      },
    };
  }
}
