/** Calls one SQL function by name with named arguments; the shape both adapters share. */
export interface RpcClient {
  call(fn: string, args: Readonly<Record<string, unknown>>): Promise<unknown>;
  /** Database round trips made so far (benchmarks and tests read it). */
  readonly roundTrips: number;
}
