/**
 * @module bench/python-venv
 * The benchmark's Python peers (Cloudsplaining, PMapper) are installed from
 * PyPI into a venv of their own under the user's cache the first time, at
 * pinned versions: they are peers to measure, not dependencies. The pins a
 * venv was installed with are recorded in it, so changing a pin reinstalls.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The venv `name` with `requirements` installed, installing when missing or pinned differently; an error text when it cannot be. */
export function ensurePythonVenv(name: string, requirements: readonly string[]): { readonly venv: string } | { readonly error: string } {
  const venv = join(process.env['CROWNPATH_BENCH_CACHE'] ?? join(homedir(), '.cache', 'crownpath-bench'), name)
  const python = join(venv, 'bin', 'python')
  const pins = join(venv, 'crownpath-pins.txt')
  const wanted = requirements.join('\n')
  if (existsSync(python) && existsSync(pins) && readFileSync(pins, 'utf8') === wanted) return { venv }
  try {
    mkdirSync(venv, { recursive: true })
    if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore' })
    execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', ...requirements], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 })
    writeFileSync(pins, wanted)
    return { venv }
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8') ?? ''
    return { error: (stderr || String(error)).trim().slice(-300) }
  }
}
