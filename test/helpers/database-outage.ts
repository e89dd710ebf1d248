import type { RpcClient } from '../../src/store/rpc-client';
import { unansweredCallError } from '../../src/store/postgres-error-map';

/**
 * The transport of a database that goes down and comes back: while down, every call (or those of
 * the named functions) fails as the SQL transport fails when the server refuses connections —
 * nothing reaches the database. The database itself is real.
 */
export interface DatabaseOutage {
  rpc: RpcClient;
  down(functions?: readonly string[]): void;
  /** The database goes down after `calls` more calls of `fn` have been answered. */
  downAfter(fn: string, calls: number): void;
  up(): void;
}

export function databaseOutage(inner: RpcClient): DatabaseOutage {
  let failing: ReadonlySet<string> | 'all' | null = null;
  let countdown: { fn: string; calls: number } | null = null;
  return {
    rpc: {
      get roundTrips() {
        return inner.roundTrips;
      },
      async call(request) {
        // The function a call runs: the one hdc_call runs for the app's calls, else the one called.
        const fn = request.name ?? request.fn;
        if (failing === 'all' || failing?.has(fn)) {
          const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
          throw unansweredCallError(refused, {
            effect: request.effect,
            mayHaveReachedDatabase: false,
            unreachable: true,
          });
        }
        const reply = await inner.call(request);
        if (countdown?.fn === fn && (countdown.calls -= 1) <= 0) {
          countdown = null;
          failing = 'all';
        }
        return reply;
      },
    },
    downAfter(fn, calls) {
      countdown = { fn, calls };
    },
    down(functions) {
      failing = functions === undefined ? 'all' : new Set(functions);
    },
    up() {
      failing = null;
    },
  };
}
