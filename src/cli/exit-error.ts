/** An expected way for a command to end, with its exit code: 1 failed, 2 bad usage or config. */
export class ExitError extends Error {
  /** What --json reports: `usage` or `config` (exit 2), else what failed (exit 1). */
  readonly code: string;

  constructor(
    readonly exitCode: 1 | 2,
    message: string,
    readonly guidance?: string,
    code?: string,
  ) {
    super(message);
    this.name = 'ExitError';
    this.code = code ?? (exitCode === 2 ? 'usage' : 'failed');
  }
}
