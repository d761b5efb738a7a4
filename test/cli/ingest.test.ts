import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ingestSubcommands } from '../../src/cli/commands/ingest.js'
import type { CliCommand } from '../../src/cli/command.js'
import type { LoaderRow } from '../../src/ingest/index.js'
import { EXIT } from '../../src/model/index.js'
import { cli } from './run.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-ingest-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Two fake loaders of one provider, recording what they were given. */
const calls: { loader: string; args: Record<string, unknown> }[] = []
function fakeLoader(name: string, flags: string): LoaderRow {
  return {
    name,
    provider: 'fake',
    summary: name,
    options: [{ flags, description: name }],
    load: async (args) => {
      calls.push({ loader: name, args: { ...args } })
      return { leaks: [{ credentialId: `AKIA${name.toUpperCase()}`, provider: 'aws', locations: [] }] }
    },
  }
}
const TABLE = [fakeLoader('one', '--one-file <file...>'), fakeLoader('two', '--two-file <file>')]
const COMMANDS: CliCommand[] = [{ name: 'ingest', summary: 'ingest', subcommands: ingestSubcommands(TABLE, []) }]

describe('crownpath ingest', () => {
  it('builds one subcommand per provider from the loader rows, running only the loaders whose options are given', async () => {
    calls.length = 0
    const db = join(dir, 'c.db')
    const run = await cli(['--db', db, '--format', 'json', 'ingest', 'fake', '--one-file', 'a.json', 'b.json', '--label', 'nightly'], { cwd: dir, commands: COMMANDS })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr.split('\n').filter(Boolean).every((line) => JSON.parse(line))).toBe(true) // progress as JSON lines
    expect(calls.map((c) => c.loader)).toEqual(['one'])
    expect(calls[0]?.args['oneFile']).toEqual(['a.json', 'b.json'])
    const doc = JSON.parse(run.stdout) as { snapshot: { label: string; id: string } }
    expect(doc.snapshot.label).toBe('nightly')
    const list = await cli(['--db', db, '--format', 'json', 'snapshots', 'list'])
    expect((JSON.parse(list.stdout) as { snapshots: { id: string }[] }).snapshots.map((s) => s.id)).toEqual([doc.snapshot.id])
  })

  it('offers `all` with every loader option, and refuses a run with no loader option', async () => {
    calls.length = 0
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'all', '--one-file', 'a', '--two-file', 'b'], { cwd: dir, commands: COMMANDS })
    expect(run.code, run.stderr).toBe(0)
    expect(calls.map((c) => c.loader)).toEqual(['one', 'two'])
    const none = await cli(['--db', join(dir, 'c.db'), 'ingest', 'fake'], { cwd: dir, commands: COMMANDS })
    expect(none.code).toBe(EXIT.usage)
    expect(none.stderr).toContain('error CP_ERR_USAGE: nothing to ingest: give at least one of --one-file, --two-file')
  })

  it('ingests a manifest, skipping loaders that do not exist yet', async () => {
    const manifest = join(dir, 'manifest.json')
    writeFileSync(manifest, JSON.stringify({ loaders: [{ loader: 'not-a-loader-yet', files: { x: 'x.json' } }] }))
    const run = await cli(['--db', join(dir, 'c.db'), '--format', 'json', 'ingest', 'manifest', 'manifest.json'], { cwd: dir })
    expect(run.code).toBe(0)
    const doc = JSON.parse(run.stdout) as { skippedLoaders: string[]; issues: { message: string }[] }
    expect(doc.skippedLoaders).toEqual(['not-a-loader-yet'])
    expect(doc.issues[0]?.message).toBe('loader `not-a-loader-yet` is not available yet: its files were not ingested')
  })

  it('reports a bad classification file and writes nothing', async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ loaders: [] }))
    writeFileSync(join(dir, 'class.json'), JSON.stringify({ rules: [{ match: '*' }] }))
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'manifest', 'manifest.json', '--classification', 'class.json'], { cwd: dir })
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toMatch(/^error CP_ERR_CONFIG_INVALID: configuration `.*class\.json` at `\$\.rules\[0\]\.classification`: expected a `classification` field \(required, missing\)/)
    const list = await cli(['--db', join(dir, 'c.db'), '--format', 'json', 'snapshots', 'list'])
    expect(JSON.parse(list.stdout)).toEqual({ snapshots: [] })
  })

  it('lists its subcommands in help', async () => {
    const run = await cli(['ingest', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('manifest')
    expect(run.stdout).toContain('demo')
  })
})
