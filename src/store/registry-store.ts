import { z } from 'zod';
import { RegistryEventSchema } from '../contract/results';
import type { RegistryStore } from '../registry/registry-port';
import type { SiteRpc } from './site-rpc';

const RegistryRowsSchema = z.object({
  events: z.array(RegistryEventSchema.extend({ sortKey: z.string() })),
  hasMore: z.boolean(),
});

export function createRegistryStore(rpc: SiteRpc): RegistryStore {
  return {
    async listRegistry({ parentPageId, after, limit, nameContains, now, telemetry }) {
      const rows = await rpc.call(
        'hdc_registry_list',
        {
          p_parent_page_id: parentPageId,
          p_after_key: after?.sortKey ?? null,
          p_after_id: after?.id ?? null,
          p_limit: limit,
          p_now: now,
          p_name_contains: nameContains ?? null,
        },
        RegistryRowsSchema,
        'read',
        { measured: { call: telemetry, attributes: { parentPageId } } },
      );
      const events = rows.events.map(({ sortKey, ...event }) => event);
      const last = rows.events.at(-1);
      return { events, nextKey: rows.hasMore && last ? { sortKey: last.sortKey, id: last.id } : null };
    },
  };
}
