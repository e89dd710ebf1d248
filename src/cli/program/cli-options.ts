import { Option } from 'commander';

/** The program's own options (--site), which every command takes with its own. */
export type ProgramGlobals = () => { site?: string };

/** `--json`, which most commands take. */
export const json = () => new Option('--json', 'print machine-readable JSON').default(false);
