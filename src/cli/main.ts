/**
 * @module cli/main
 * The CLI frame: builds the commander program from the COMMANDS table, adds
 * the global options, runs one command, prints its output in the chosen
 * format and maps errors to stderr + exit codes. `runCli` runs in-process
 * (tests call it); bin/crownpath.js calls it with `process.argv`.
 */
import { resolve } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import type { GraphStore } from '../graph/index.js'
import { openStore } from '../graph/index.js'
import { CrownpathError, EXIT, isCrownpathError } from '../model/index.js'
import type { CliCommand, CliContext, CommandOutput, GlobalOptions } from './command.js'
import { BASE_FORMATS } from './command.js'
import { COMMANDS } from './commands/index.js'
import { createJsonProgress, createTtyProgress } from './progress.js'
import { storeSpecFromOptions } from './store-spec.js'
import { readVersion } from './version.js'

/** Where the CLI reads and writes; the real process by default, fakes in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** True when stderr is a terminal (progress bar instead of JSON lines). */
  readonly isTty: boolean
  readonly now: () => Date
}

/** The default SQLite file of the memory store. */
export const DEFAULT_DB = './crownpath.db'

export { readVersion }

/** Mutable state of one invocation: the opened store and the exit code. */
interface Invocation {
  store: GraphStore | null
  exitCode: number
}

/**
 * Build the commander program. Exposed for tests and for docs generation;
 * `runCli` is what runs it.
 */
export function buildProgram(io: CliIo, invocation: Invocation = { store: null, exitCode: 0 }, commands: readonly CliCommand[] = COMMANDS): Command {
  const program = new Command('crownpath')
  program
    .description('Identity attack paths across AWS and Azure/Entra: every credential\'s chain to the crown jewels, with evidence.')
    .version(readVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('--db <file>', `SQLite file of the memory store (default: ${DEFAULT_DB}, env CROWNPATH_DB)`))
    .addOption(new Option('--format <format>', 'output format: json or table (some commands accept more)').default('table'))
    .addOption(new Option('--store <kind>', 'graph store').choices(['memory', 'neo4j']).default('memory'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // One error style for the whole CLI: `error CP_ERR_X: message`.
      outputError: (text, write) => write(text.replace(/^error: /, 'error CP_ERR_USAGE: ')),
    })
  for (const spec of commands) addCommand(program, spec, io, invocation)
  return program
}

/** Declare one table row (and its subcommands) on `parent`. */
function addCommand(parent: Command, spec: CliCommand, io: CliIo, invocation: Invocation): void {
  const cmd = parent.command(spec.name).description(spec.summary)
  spec.configure?.(cmd)
  for (const child of spec.subcommands ?? []) addCommand(cmd, child, io, invocation)
  const run = spec.run
  if (!run) return
  cmd.action(async (...actionArgs: unknown[]) => {
    // commander passes (...positional, opts, command).
    const command = actionArgs[actionArgs.length - 1] as Command
    const positional = actionArgs.slice(0, -2)
    const globals = readGlobals(command, io)
    const formats: readonly string[] = [...BASE_FORMATS, ...(spec.formats ?? [])]
    if (!formats.includes(globals.format)) {
      throw new CrownpathError('CP_ERR_USAGE', { reason: `unknown format \`${globals.format}\`: expected one of ${formats.join(', ')}` })
    }
    const ctx: CliContext = {
      globals,
      format: globals.format,
      openStore: async () => {
        invocation.store ??= await openStore(storeSpecFromOptions(globals, io.env))
        return invocation.store
      },
      stdout: io.stdout,
      stderr: io.stderr,
      progress: io.isTty ? createTtyProgress(io.stderr) : createJsonProgress(io.stderr, io.now),
      env: io.env,
      cwd: io.cwd,
      now: io.now,
    }
    const output = await run({ opts: command.opts(), args: positional, positional, ctx, command })
    printOutput(io, globals.format, output)
    if (output.exitCode) invocation.exitCode = output.exitCode
  })
}

function readGlobals(command: Command, io: CliIo): GlobalOptions {
  const all = command.optsWithGlobals<{ db?: string; format: string; store: 'memory' | 'neo4j' }>()
  const db = all.db ?? io.env['CROWNPATH_DB'] ?? DEFAULT_DB
  return { db: resolve(io.cwd, db), format: all.format, store: all.store }
}

/** `--format json` → exactly one JSON document; anything else → the text. */
function printOutput(io: CliIo, format: string, output: CommandOutput): void {
  if (format === 'json' || output.table === undefined) {
    io.stdout(`${JSON.stringify(output.json, null, 2)}\n`)
    return
  }
  if (output.table.length > 0) io.stdout(output.table.endsWith('\n') ? output.table : `${output.table}\n`)
}

/** The real process's io. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stderr.isTTY),
    now: () => new Date(),
  }
}

/**
 * Run the CLI on `argv` (the user's arguments, without `node` and the script)
 * and return the exit code (`commands` replaces the table in tests): 0 on success, the error's exitCode for a
 * CrownpathError, 2 for usage errors, 1 for anything unexpected.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const fullIo: CliIo = { ...processIo(), ...io }
  const invocation: Invocation = { store: null, exitCode: 0 }
  const program = buildProgram(fullIo, invocation, commands)
  try {
    await program.parseAsync([...argv], { from: 'user' })
  } catch (error) {
    invocation.exitCode = reportError(fullIo, error)
  } finally {
    if (invocation.store) {
      await invocation.store.close().catch((error: unknown) => {
        fullIo.stderr(`warning: could not close the store: ${error instanceof Error ? error.message : String(error)}\n`)
      })
    }
  }
  return invocation.exitCode
}

/** Print an error the CLI way and choose the exit code. */
function reportError(io: CliIo, error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version end with exitCode 0; everything else commander raises is a usage error
    // (commander already printed its message through outputError).
    return error.exitCode === 0 ? 0 : EXIT.usage
  }
  if (isCrownpathError(error)) {
    io.stderr(`error ${error.code}: ${error.message}\n`)
    return error.exitCode
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr(`error CP_ERR_INTERNAL: internal error: ${message}\n`)
  if (error instanceof Error && error.stack && io.env['CROWNPATH_DEBUG']) io.stderr(`${error.stack}\n`)
  return EXIT.internal
}

