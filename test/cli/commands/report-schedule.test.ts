import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cli } from '../run.js'

const DEMO_MANIFEST = resolve(import.meta.dirname, '..', '..', '..', 'examples', 'demo', 'manifest.json')
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-report-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('crownpath report and schedule', () => {
  it('report prints one JSON document, sarif on request, and refuses a format the report lacks', async () => {
    const db = join(dir, 'c.db')
    expect((await cli(['--db', db, 'ingest', 'demo'])).code).toBe(0)
    const json = await cli(['--db', db, '--format', 'json', 'report', 'credentials'])
    expect(json.code).toBe(0)
    const doc = JSON.parse(json.stdout)
    expect(doc).toMatchObject({ schemaVersion: 1, report: 'credentials' })
    expect(doc.findings.map((f: { check: string }) => f.check)).toContain('exposed-credential')
    const sarif = await cli(['--db', db, '--format', 'sarif', 'report', 'credentials'])
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0')
    const bad = await cli(['--db', db, '--format', 'sarif', 'report', 'break-glass'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('CP_ERR_REPORT_FORMAT')
    const unknown = await cli(['--db', db, 'report', 'nope'])
    expect(unknown.stderr).toContain('CP_ERR_REPORT_UNKNOWN')
  })

  it('schedule --once re-ingests from a manifest, writes the outputs and records the run', async () => {
    const db = join(dir, 's.db')
    const config = join(dir, 'schedule.json')
    writeFileSync(config, JSON.stringify({ outputDir: 'out', jobs: [{ name: 'nightly', report: 'break-glass', cron: '0 2 * * *', formats: ['json', 'md'], reingest: DEMO_MANIFEST }] }))
    const run = await cli(['--db', db, '--format', 'json', 'schedule', '--config', config, '--once'])
    expect(run.code).toBe(0)
    const [summary] = JSON.parse(run.stdout).runs
    expect(summary).toMatchObject({ job: 'nightly', status: 'succeeded' })
    expect(existsSync(join(dir, 'out', 'nightly', 'latest.md'))).toBe(true)
    expect(readFileSync(join(dir, 'out', 'nightly', 'latest.md'), 'utf8')).toContain('# Break-glass account review')
  })

  it('schedule --once prints a failed run and exits non-zero', async () => {
    const config = join(dir, 'failing.json')
    writeFileSync(config, JSON.stringify({ outputDir: 'out', jobs: [{ name: 'broken', report: 'credentials', cron: '0 2 * * *', formats: ['json'], reingest: 'missing-manifest.json' }] }))
    const run = await cli(['--db', join(dir, 'f.db'), '--format', 'json', 'schedule', '--config', config, '--once'])
    expect(run.code).not.toBe(0)
    expect(JSON.parse(run.stdout).runs[0]).toMatchObject({ job: 'broken', status: 'failed' })
    expect(existsSync(join(dir, 'out', 'broken', 'latest.json'))).toBe(false)
  })

  it('schedule rejects a config with a bad cron-less job, naming the file and path', async () => {
    const config = join(dir, 'bad.json')
    writeFileSync(config, JSON.stringify({ outputDir: 'out', jobs: [{ name: 'x', report: 'credentials', formats: ['json'] }] }))
    const run = await cli(['--db', join(dir, 'b.db'), 'schedule', '--config', config, '--once'])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('CP_ERR_CONFIG_INVALID')
    expect(run.stderr).toContain('$.jobs[0].cron')
  })
})
