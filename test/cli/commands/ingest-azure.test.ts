/**
 * `crownpath ingest azure`: the Azure loader rows through the real CLI and pipeline.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXIT } from '../../../src/model/index.js'
import { cli } from '../run.js'

const CORP = join(import.meta.dirname, '../../fixtures/azure/corp')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-cli-azure-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('crownpath ingest azure', () => {
  it('ingests AzureHound files and az CLI exports into one snapshot', async () => {
    const run = await cli(
      ['--db', join(dir, 'c.db'), '--format', 'json', 'ingest', 'azure', '--azurehound', join(CORP, 'azurehound-v2/azurehound.json'), '--az-cli', join(CORP, 'az-cli')],
      { cwd: dir },
    )
    expect(run.code, run.stderr).toBe(0)
    const out = JSON.parse(run.stdout) as { snapshot: { sources: { loader: string }[] }; issues: { message: string }[] }
    expect(new Set(out.snapshot.sources.map((s) => s.loader))).toEqual(new Set(['azurehound', 'az-cli']))
    expect(out.issues.map((i) => i.message)).toContainEqual(expect.stringContaining('unknown kind `AZSomethingNew`'))
  })

  it('accepts relative paths against the working directory', async () => {
    const run = await cli(['--db', join(dir, 'c.db'), '--format', 'json', 'ingest', 'azure', '--azurehound', 'azurehound-v3/azurehound-stdout.ndjson'], { cwd: CORP })
    expect(run.code, run.stderr).toBe(0)
  })

  it('a malformed file exits with the input exit code and names file and path', async () => {
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'azure', '--azurehound', join(CORP, 'az-cli/role-assignments.json')], { cwd: dir })
    expect(run.code).toBe(EXIT.input)
    expect(run.stderr).toMatch(/CP_ERR_INPUT_SHAPE: `.*role-assignments\.json` at `\$\[0\]\.kind`/)
  })

  it('without a source it is a usage error', async () => {
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'azure', '--tenant', 'x'], { cwd: dir })
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).toContain('--azurehound, --az-cli, --live')
  })

  it('--live refuses --client-secret-env naming an unset variable', async () => {
    const run = await cli(['--db', join(dir, 'c.db'), 'ingest', 'azure', '--live', '--tenant', 't', '--client-id', 'c', '--client-secret-env', 'NOT_SET_HERE'], {
      cwd: dir,
      env: {},
    })
    expect(run.code).toBe(EXIT.usage)
    expect(run.stderr).toContain('NOT_SET_HERE')
  })
})
