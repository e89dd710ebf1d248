import type { Deadline } from '../shared/deadline';

/**
 * What a call does to stored data, which decides whether a transport may send it again after an
 * ambiguous failure (a timeout, a dropped connection, a 5xx) and what its error says happened.
 */
export type CallEffect = 'read' | 'idempotent_write' | 'write';

interface RpcCall {
  fn: string;
  /** What the call is for, in its errors (the business function that `hdc_call` runs). */
  name?: string;
  args: Readonly<Record<string, unknown>>;
  effect: CallEffect;
  /** The call, its retries and their waits fit in what is left of it. */
  deadline: Deadline;
  /**
   * The operator's long call (a restore's apply): no statement timeout where the transport owns its
   * connection (SQL); over Supabase's HTTP API the role's timeout still applies.
   */
  unbounded?: boolean;
}

/** Calls one SQL function by name with named arguments; the shape both transports share. */
export interface RpcClient {
  call(request: RpcCall): Promise<unknown>;
  /** Database round trips made so far (benchmarks and tests read it). */
  readonly roundTrips: number;
}
