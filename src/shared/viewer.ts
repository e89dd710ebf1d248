/** Who is calling: always taken from the Forge invocation context, never from a payload. */
export interface Viewer {
  readonly accountId: string;
}
