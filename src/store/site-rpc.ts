import { z } from 'zod';
import type { SiteId } from '../shared/site';
import { AppError } from '../shared/app-error';
import type { Deadline } from '../shared/deadline';
import type { TelemetryOutbox } from '../telemetry/telemetry-outbox';
import { appErrorFromSqlState } from './postgres-error-map';
import type { CallEffect, RpcClient } from './rpc-client';

/** What every store call of one invocation shares: its site and its deadline. */
export interface StoreScope {
  readonly site: SiteId;
  readonly deadline: Deadline;
  /** Calls that write are refused before they are sent (a read resolver key that tries to write is a bug). */
  readonly readOnly?: boolean;
}

/** Calls SQL functions for one site: every call names the site and carries its queued telemetry. */
export interface SiteRpc {
  call<T>(
    fn: string,
    args: Record<string, unknown>,
    schema: z.ZodType<T>,
    effect?: CallEffect,
    options?: { unbounded?: boolean },
  ): Promise<T>;
  /** Persists the site's queued telemetry now, in a call of its own (CLI exit, scheduled work). */
  flushTelemetry(): Promise<number>;
}

/** A refusal a SQL function returned as a value (hdc_error_reply) so that its telemetry row stays. */
const ErrorReplySchema = z.object({
  hdcError: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }),
});

export function createSiteRpc(rpc: RpcClient, outbox: TelemetryOutbox, scope: StoreScope): SiteRpc {
  async function send(
    fn: string,
    args: Record<string, unknown>,
    effect: CallEffect,
    unbounded = false,
  ): Promise<unknown> {
    if (scope.readOnly === true && effect !== 'read') {
      throw new AppError('internal', `A read tried to write (${fn})`, { retryable: false });
    }
    const batch = outbox.take(scope.site);
    try {
      return await rpc.call({
        fn,
        args: { p_site: scope.site, ...args, p_telemetry: batch },
        effect,
        deadline: scope.deadline,
        ...(unbounded ? { unbounded } : {}),
      });
    } catch (error) {
      // Rolled back, or not known to have arrived: send it again with the next call (rows are upserts).
      outbox.restore(scope.site, batch);
      throw error;
    }
  }

  return {
    async call(fn, args, schema, effect = 'read', options = {}) {
      const raw = await send(fn, args, effect, options.unbounded === true);
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
      // hdc_record_telemetry takes exactly what every call carries: the site and its batch.
      return z.number().parse(await send('hdc_record_telemetry', {}, 'idempotent_write'));
    },
  };
}
