/** What dev/forge-first-call.js measured, read from the output of its process. */
export interface FirstCall {
  loadMs: number;
  firstCallMs: number;
  reply: unknown;
  /** The bundle's own log lines (telemetry, errors), as Forge's logs would hold them. */
  logLines: string[];
}

const MARKER = '[forge-first-call] ';

export function firstCallOf(stdout: string): FirstCall {
  const lines = stdout.split('\n').filter((line) => line !== '');
  const result = lines.find((line) => line.startsWith(MARKER));
  if (result === undefined) throw new Error(`The first call printed no result:\n${stdout.slice(0, 2000)}`);
  return {
    ...(JSON.parse(result.slice(MARKER.length)) as Omit<FirstCall, 'logLines'>),
    logLines: lines.filter((line) => line !== result),
  };
}
