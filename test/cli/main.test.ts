import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../src/model/index.js'
import { cli } from './run.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('cli frame', () => {
  it('prints help with the global options and commands', async () => {
    const run = await cli(['--help'])
    expect(run.code).toBe(0)
    for (const word of ['--db <file>', '--format <format>', '--store <kind>', '--version', 'snapshots', 'ingest']) expect(run.stdout).toContain(word)
    expect(run.stderr).toBe('')
  })

  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    const run = await cli(['--version'])
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(pkg.version)
  })

  it('prints exactly one JSON document for --format json', async () => {
    const run = await cli(['--db', join(dir, 'x.db'), '--format', 'json', 'snapshots', 'list'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ snapshots: [] })
  })

  it('accepts global options after the subcommand', async () => {
    const run = await cli(['snapshots', 'list', '--format', 'json', '--db', join(dir, 'x.db')])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ snapshots: [] })
  })

  it('uses CROWNPATH_DB, then ./crownpath.db relative to the working directory', async () => {
    const env = await cli(['--format', 'json', 'snapshots', 'list'], { cwd: dir, env: { CROWNPATH_DB: 'from-env.db' } })
    expect(env.code).toBe(0)
    expect(readFileSync(join(dir, 'from-env.db')).length).toBeGreaterThan(0)
    const dflt = await cli(['--format', 'json', 'snapshots', 'list'], { cwd: dir })
    expect(dflt.code).toBe(0)
    expect(readFileSync(join(dir, 'crownpath.db')).length).toBeGreaterThan(0)
  })

  it('maps usage errors to exit 2 with a coded message on stderr', async () => {
    for (const argv of [['--no-such-option'], ['no-such-command'], ['snapshots', 'show'], ['--store', 'mongo', 'snapshots', 'list']]) {
      const run = await cli(argv)
      expect(run.code, argv.join(' ')).toBe(EXIT.usage)
      expect(run.stderr, argv.join(' ')).toMatch(/^error CP_ERR_USAGE: /)
      expect(run.stdout).toBe('')
    }
  })

  it('refuses an unknown --format', async () => {
    const run = await cli(['--db', join(dir, 'x.db'), '--format', 'yaml', 'snapshots', 'list'])
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).toBe('error CP_ERR_USAGE: unknown format `yaml`: expected one of json, table\n')
    expect(run.stdout).toBe('')
  })

  it('maps a CrownpathError to its exit code and `error CODE: message`', async () => {
    const run = await cli(['--db', join(dir, 'x.db'), '--format', 'json', 'snapshots', 'show', 'latest'])
    expect(run.code).toBe(EXIT.notFound)
    expect(run.stderr).toBe('error CP_ERR_SNAPSHOT_NONE: the store holds no snapshot yet: run `crownpath ingest` first\n')
    expect(run.stdout).toBe('')
  })

  it('reports an unopenable store as unavailable', async () => {
    const run = await cli(['--db', join(dir, 'missing-dir', 'x.db'), 'snapshots', 'list'])
    expect(run.code).toBe(EXIT.unavailable)
    expect(run.stderr).toMatch(/^error CP_ERR_STORE_OPEN: could not open store `.*missing-dir/)
  })

  it('maps an unexpected error to exit 1 as CP_ERR_INTERNAL', async () => {
    const boom = { name: 'boom', summary: 'fails', run: async () => Promise.reject(new Error('kaput')) }
    const run = await cli(['boom'], { commands: [boom] })
    expect(run.code).toBe(EXIT.internal)
    expect(run.stderr).toBe('error CP_ERR_INTERNAL: internal error: kaput\n')
  })

  it('prints the table text for --format table and JSON for --format json from the same output', async () => {
    const both = { name: 'both', summary: 'both', run: async () => ({ json: { a: 1 }, table: 'A  1' }) }
    expect((await cli(['both'], { commands: [both] })).stdout).toBe('A  1\n')
    expect((await cli(['--format', 'json', 'both'], { commands: [both] })).stdout).toBe('{\n  "a": 1\n}\n')
  })

  it('shows help for a command group without a subcommand as a usage error', async () => {
    const run = await cli(['snapshots'])
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).toContain('list')
  })
})
