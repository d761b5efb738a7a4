/**
 * @module test/cli/run
 * Run the CLI in-process with captured output, for the CLI tests.
 */
import type { CliCommand } from '../../src/cli/command.js'
import { runCli } from '../../src/cli/main.js'

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Run `crownpath <argv>` with `cwd` and `env`, capturing stdout and stderr. */
export async function cli(argv: readonly string[], options: { cwd?: string; env?: Record<string, string>; now?: Date; commands?: readonly CliCommand[] } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTty: false,
    now: () => options.now ?? new Date('2026-11-27T12:00:00.000Z'),
  }, options.commands)
  return { code, stdout, stderr }
}
