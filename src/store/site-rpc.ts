import { z } from 'zod';
import type { SiteId } from '../shared/site';
import { AppError } from '../shared/app-error';
import type { Deadline } from '../shared/deadline';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import type { TelemetryAttributes } from '../telemetry/telemetry-event';
import type { TelemetryCall } from '../telemetry/telemetry-recorder';
import { appErrorFromSqlState } from './postgres-error-map';
import type { CallEffect, RpcClient } from './rpc-client';

/** What every store call of one invocation shares: its site and its deadline. */
export interface StoreScope {
  readonly site: SiteId;
  readonly deadline: Deadline;
  /** Calls that write are refused before they are sent (a read resolver key that tries to write is a bug). */
  readonly readOnly?: boolean;
}

interface CallOptions {
  unbounded?: boolean;
  /** A measured call: hdc_call writes its row under this id, from its reply, before the reply leaves. */
  measured?: { call: TelemetryCall; attributes?: TelemetryAttributes };
}

/**
 * Calls SQL functions for one site, each through `hdc_call` (db/functions/core/hdc_call.sql): the
 * site, the function and its arguments, the site's queued telemetry and, for a measured call, its
 * telemetry record, in one round trip. The business functions themselves carry no telemetry.
 */
export interface SiteRpc {
  call<T>(
    fn: string,
    args: Record<string, unknown>,
    schema: z.ZodType<T>,
    effect?: CallEffect,
    options?: CallOptions,
  ): Promise<T>;
  /** Persists the site's queued telemetry now, in a call of its own (CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}

/** A refusal a SQL function returned as a value (hdc_error_reply) so that its telemetry row stays. */
const ErrorReplySchema = z.object({
  hdcError: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});

export function createSiteRpc(rpc: RpcClient, outbox: TelemetryOutbox, scope: StoreScope): SiteRpc {
  async function send(fn: string, args: Record<string, unknown>, effect: CallEffect, options: CallOptions) {
    if (scope.readOnly === true && effect !== 'read') {
      throw new AppError('internal', `A read tried to write (${fn})`, { retryable: false });
    }
    const batch = outbox.take(scope.site);
    try {
      const measured = options.measured;
      return await rpc.call({
        fn: 'hdc_call',
        name: fn,
        args: {
          p_site: scope.site,
          p_fn: fn,
          // JSON has no undefined: an argument left undefined is sent as null, as a direct call would.
          p_args: Object.fromEntries(Object.entries(args).map(([name, value]) => [name, value ?? null])),
          p_telemetry: batch,
          ...(measured
            ? {
                p_call: {
                  id: measured.call.id,
                  metric: measured.call.metric,
                  source: measured.call.source,
                  ...(measured.call.account === undefined ? {} : { account: measured.call.account }),
                  attributes: measured.attributes ?? {},
                },
              }
            : {}),
        },
        effect,
        deadline: scope.deadline,
        ...(options.unbounded === true ? { unbounded: true } : {}),
      });
    } catch (error) {
      // Rolled back, or not known to have arrived: send it again with the next call (rows are upserts).
      outbox.restore(scope.site, batch);
      throw error;
    }
  }

  return {
    async call(fn, args, schema, effect = 'read', options = {}) {
      const raw = await send(fn, args, effect, options);
      const refusal = ErrorReplySchema.safeParse(raw);
      if (refusal.success) throw appErrorFromSqlState(refusal.data.hdcError, refusal.data.hdcError);
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw new AppError('internal', `Unexpected reply from ${fn}`, { cause: parsed.error, retryable: false });
      }
      return parsed.data;
    },
    async flushTelemetry() {
      if (outbox.sizeOf(scope.site) === 0) return 0;
      // hdc_call records the batch; hdc_record_telemetry then has none left and answers 0.
      const before = outbox.sizeOf(scope.site);
      await send('hdc_record_telemetry', { p_telemetry: [] }, 'idempotent_write', {});
      return before;
    },
  };
}
