/**
 * The Python peers' venvs: a venv installed with the wanted pins is used as it
 * is; one recorded with other pins is installed again (here that fails, as the
 * fake venv has no pip, and the error comes back as text, not a throw). Nothing
 * here reaches PyPI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ensurePythonVenv } from '../../bench/python-venv.js'

let cache: string
const previous = process.env['CROWNPATH_BENCH_CACHE']
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'crownpath-venv-'))
  process.env['CROWNPATH_BENCH_CACHE'] = cache
})
afterEach(() => {
  if (previous === undefined) delete process.env['CROWNPATH_BENCH_CACHE']
  else process.env['CROWNPATH_BENCH_CACHE'] = previous
  rmSync(cache, { recursive: true, force: true })
})

function fakeVenv(name: string, pins: string): string {
  const venv = join(cache, name)
  mkdirSync(join(venv, 'bin'), { recursive: true })
  writeFileSync(join(venv, 'bin', 'python'), '')
  writeFileSync(join(venv, 'crownpath-pins.txt'), pins)
  return venv
}

describe('ensurePythonVenv', () => {
  it('uses a venv whose recorded pins are the wanted ones, installing nothing', () => {
    const venv = fakeVenv('peer', 'peer==1.0\ndep==2.0')
    expect(ensurePythonVenv('peer', ['peer==1.0', 'dep==2.0'])).toEqual({ venv })
  })

  it('installs again when a pin changed, and reports a failed install as an error text (negative)', () => {
    fakeVenv('peer', 'peer==0.9')
    const result = ensurePythonVenv('peer', ['peer==1.0'])
    expect('error' in result && result.error).toMatch(/pip|ENOENT/)
  })
})
