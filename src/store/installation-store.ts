import { z } from 'zod';
import type { InstallationStore } from '../ops/installation-port';
import type { SiteRpc } from './site-rpc';

export function createInstallationStore(rpc: SiteRpc): InstallationStore {
  return {
    record: (event) =>
      rpc.call(
        'hdc_app_lifecycle',
        {
          p_event: event.kind,
          p_installation_id: event.installationId,
          p_version: event.version,
          p_actor: event.accountId,
          p_at: event.at,
        },
        z.object({ recorded: z.boolean() }),
        'write',
      ),
  };
}
