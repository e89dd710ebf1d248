/** An expected way for a command to end, with its exit code: 1 failed, 2 bad usage or config. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
    readonly guidance?: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
