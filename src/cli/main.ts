import { Command, CommanderError } from 'commander';
import { isAppError } from '../shared/app-error';
import type { CliIo } from './cli-io';
import { logFileOf, processIo } from './cli-io';
import { ExitError } from './exit-error';
import { registerCleanupCommands } from './program/register-cleanup-commands';
import { registerOperationsCommands } from './program/register-operations-commands';
import { registerAlertCommands } from './program/register-alert-commands';
import { registerPrivacyCommands } from './program/register-privacy-commands';
import { registerSiteCommands } from './program/register-site-commands';
import { registerSetupCommands } from './program/register-setup-commands';
import { registerSyncCommands } from './program/register-sync-commands';
import { registerVerificationCommands } from './program/register-verification-commands';

/** The command table, by group (program/register-*-commands.ts); each command is one async function in commands/. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('hdc-ops')
    .description('HDC Ops operator CLI. Exit codes: 0 ok, 1 failed, 2 bad usage or config.')
    .exitOverride()
    .showHelpAfterError(true)
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .option(
      '--site <ari>',
      'the Confluence site to act for, as Forge writes it (ari:cloud:confluence::site/<cloud id>); default HDC_SITE_ID, else the local site',
    );

  /** The program's own options (--site), which every command takes with its own. */
  const globals = () => program.opts<{ site?: string }>();

  registerSetupCommands(program, io, globals);
  registerSyncCommands(program, io, globals);
  registerVerificationCommands(program, io, globals);
  registerCleanupCommands(program, io, globals);
  registerOperationsCommands(program, io, globals);
  registerAlertCommands(program, io, globals);
  registerPrivacyCommands(program, io, globals);
  registerSiteCommands(program, io, globals);
  return program;
}

/** `hdc-ops sync complete`: the command's path from the program down. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** An error as the CLI reports it: text on stderr, or with --json one object on stdout. */
interface Failure {
  exitCode: 1 | 2;
  code: string;
  message: string;
  guidance?: string | undefined;
}

function failureOf(error: unknown, io: CliIo): Failure {
  if (error instanceof CommanderError) {
    return { exitCode: 2, code: 'usage', message: error.message.replace(/^error: /, ''), guidance: 'See --help.' };
  }
  if (error instanceof ExitError) {
    return { exitCode: error.exitCode, code: error.code, message: error.message, guidance: error.guidance };
  }
  if (isAppError(error)) return { exitCode: 1, code: error.code, message: error.message, guidance: error.guidance };
  // A bug: its detail goes to the log, not to the person (it may hold internals).
  io.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return {
    exitCode: 1,
    code: 'internal',
    message: 'hdc-ops failed on something it did not expect',
    guidance: `The detail is in the log (${logFileOf(io.env)}); report it to the HDC Ops team.`,
  };
}

/** --json anywhere among the arguments (or --format json): errors are machine-readable too. */
const wantsJson = (argv: readonly string[]) =>
  argv.includes('--json') ||
  argv.includes('--format=json') ||
  argv.some((arg, index) => arg === '--format' && argv[index + 1] === 'json');

/** Runs the CLI and returns its exit code; errors are translated here and nowhere else. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let running = 'hdc-ops';
  const json = wantsJson(argv);
  // With --json, stdout holds one JSON document: the result, or else the error. A command that
  // printed its result and then fails its check (a partial sync, a failed drill) says why on stderr.
  const output = { printed: false };
  const counted: CliIo = {
    ...io,
    out: (text) => {
      output.printed = true;
      io.out(text);
    },
  };
  try {
    const program = buildProgram(counted);
    program.hook('preAction', (_program, command) => {
      running = commandPath(command);
    });
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0;
    const failure = failureOf(error, io);
    if (json && !output.printed) {
      io.out(
        JSON.stringify(
          {
            error: {
              code: failure.code,
              message: failure.message,
              ...(failure.guidance ? { guidance: failure.guidance } : {}),
            },
          },
          null,
          2,
        ),
      );
    } else if (!(error instanceof CommanderError)) {
      const label = error instanceof ExitError ? 'error' : `error [${failure.code}]`;
      const help = failure.exitCode === 2 ? `\n  help: ${running} --help` : '';
      io.err(`${label}: ${failure.message}${failure.guidance ? `\n  what to do: ${failure.guidance}` : ''}${help}`);
    }
    return failure.exitCode;
  }
}

export function main(): void {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
