/**
 * @module cli/command
 * The shape of a CLI command (one file each under commands/, listed in
 * commands/index.ts) and the context the frame hands to it. Commands stay
 * thin: parse options, call one library function, return data.
 */
import type { Command } from 'commander'
import type { GraphStore } from '../graph/index.js'
import type { ProgressReporter } from '../model/index.js'

/** The formats every command accepts; a command may declare more (`md`, `sarif`, ...). */
export const BASE_FORMATS = ['json', 'table'] as const

/**
 * What a command returns. The frame prints exactly one JSON document of
 * `json` for `--format json`; for every other format it prints `table`
 * (the human text, or the md/html/csv body for commands that declare those
 * formats), falling back to indented JSON when `table` is absent.
 */
export interface CommandOutput {
  readonly json: unknown
  readonly table?: string
  /** Exit code when the command printed its output but did not fully succeed (default 0). */
  readonly exitCode?: number
}

/** Options every command sees (declared on the program). */
export interface GlobalOptions {
  /** Absolute path of the SQLite file of the memory store. */
  readonly db: string
  readonly format: string
  readonly store: 'memory' | 'neo4j'
}

/** What the frame gives a command. */
export interface CliContext {
  readonly globals: GlobalOptions
  /** The selected output format (`--format`), already checked against the command's formats. */
  readonly format: string
  /**
   * Open the store chosen by `--store`/`--db` (opened once per invocation and
   * closed by the frame when the command finishes).
   */
  openStore(): Promise<GraphStore>
  /** Raw writers. Commands normally return their output instead of writing it. */
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** A bar on a TTY, JSON log lines on stderr otherwise. */
  readonly progress: ProgressReporter
  /** Environment variables (injected so tests control them). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Working directory relative paths resolve against. */
  readonly cwd: string
  /** The clock (injected so tests control it). */
  readonly now: () => Date
}

/** The arguments of {@link CliCommand.run}. */
export interface CommandRunInput {
  /** This command's own options (commander's `opts()`, camelCased keys). */
  readonly opts: Readonly<Record<string, unknown>>
  /** Positional arguments, in declaration order (variadic ones as arrays). */
  readonly args: readonly unknown[]
  /** Same list as `args` (both names are in use across the codebase). */
  readonly positional: readonly unknown[]
  readonly ctx: CliContext
  /** The commander command, for the rare command that needs more (help text, option sources). */
  readonly command: Command
}

/**
 * One CLI command. A command either runs (`run`) or groups subcommands
 * (`subcommands`, e.g. `snapshots list`); a group may have both.
 */
export interface CliCommand {
  /** Command name, or `name <arg> [opt]` with commander argument syntax. */
  readonly name: string
  /** One line for `--help`. */
  readonly summary: string
  /** Extra formats beyond json/table (checked by the frame before `run`). */
  readonly formats?: readonly string[]
  /** Declare options and arguments on the commander command. */
  readonly configure?: (cmd: Command) => void
  readonly run?: (input: CommandRunInput) => Promise<CommandOutput>
  readonly subcommands?: readonly CliCommand[]
}
