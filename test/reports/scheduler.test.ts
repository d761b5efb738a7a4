import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ReportRunStore, Scheduler } from '../../src/reports/index.js'
import type { ReportInput, ScheduleConfig } from '../../src/reports/index.js'
import { awsUser, reportInput } from './helpers.js'

const dirs: string[] = []
const cleanups: (() => void)[] = []
afterEach(() => {
  cleanups.splice(0).forEach((c) => c())
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'crownpath-sched-'))
  dirs.push(d)
  return d
}

const oldKey = (id: string) => ({ id, status: 'Active' as const, createDate: '2025-01-01T00:00:00Z', lastUsedDate: '2026-11-26T00:00:00Z', lastUsedService: null, lastUsedRegion: null })

/** A fake clock the test moves by hand. */
function clock(start: string) {
  let now = new Date(start)
  return { now: () => now, set: (iso: string) => void (now = new Date(iso)) }
}

function setup(config: Partial<ScheduleConfig>, inputs: (() => ReportInput)[]) {
  const dir = tempDir()
  const runs = new ReportRunStore(join(dir, 'runs.db'))
  cleanups.push(() => runs.close())
  const c = clock('2026-11-27T01:59:00Z')
  const events: Record<string, unknown>[] = []
  let call = 0
  const scheduler = new Scheduler({
    config: { outputDir: join(dir, 'out'), jobs: [{ name: 'nightly', report: 'credentials', cron: '0 2 * * *', formats: ['json', 'md'] }], ...config },
    runs,
    prepare: async () => {
      const make = inputs[Math.min(call++, inputs.length - 1)]!
      return make()
    },
    render: { version: 'test', nodeKinds: new Map() },
    now: c.now,
    sleep: async () => {},
    log: (e) => void events.push(e),
  })
  return { dir, runs, clock: c, scheduler, events }
}

describe('scheduler', () => {
  it('runs a job when its cron time passes, once, and diffs the next run against it', async () => {
    const first = () => reportInput({ inventory: { users: [awsUser('alice', { accessKeys: [oldKey('AKIAAAAAAAAAAAAAAAA1')] })] } })
    const second = () => reportInput({ inventory: { users: [awsUser('bob', { accessKeys: [oldKey('AKIABBBBBBBBBBBBBBB2')] })] } })
    const { scheduler, clock: c, runs, dir } = setup({}, [first, second])
    expect(scheduler.nextRuns()).toEqual({ nightly: '2026-11-27T02:00:00.000Z' })
    expect(await scheduler.tick()).toHaveLength(0)
    c.set('2026-11-27T02:00:30Z')
    const [run] = await scheduler.tick()
    expect(run).toMatchObject({ status: 'succeeded', findingCount: 1 })
    expect(await scheduler.tick()).toHaveLength(0)
    c.set('2026-11-28T02:00:05Z')
    const [next] = await scheduler.tick()
    const detail = runs.get(next!.id)!
    expect(detail.diff!.newFindings.map((f) => f.id)).toEqual(['aws-key-age:AKIABBBBBBBBBBBBBBB2'])
    expect(detail.diff!.resolvedFindings.map((f) => f.id)).toEqual(['aws-key-age:AKIAAAAAAAAAAAAAAAA1'])
    const latest = JSON.parse(readFileSync(join(dir, 'out', 'nightly', 'latest.json'), 'utf8'))
    expect(latest.findings[0].subject).toBe('AKIABBBBBBBBBBBBBBB2')
    expect(readdirSync(join(dir, 'out', 'nightly')).filter((f) => !f.startsWith('latest'))).toHaveLength(2)
  })

  it('records a failed run without touching the last good outputs, and the next diff uses the last good run', async () => {
    const good = () => reportInput({ inventory: { users: [awsUser('alice', { accessKeys: [oldKey('AKIAAAAAAAAAAAAAAAA1')] })] } })
    const broken = (): ReportInput => {
      throw new Error('ingest failed: bad file')
    }
    const { scheduler, runs, dir } = setup({}, [good, broken, good])
    const ok = await scheduler.runJob({ name: 'nightly', report: 'credentials', cron: '0 2 * * *', formats: ['json'] })
    const before = readFileSync(join(dir, 'out', 'nightly', 'latest.json'), 'utf8')
    const failed = await scheduler.runJob({ name: 'nightly', report: 'credentials', cron: '0 2 * * *', formats: ['json'] })
    expect(failed).toMatchObject({ status: 'failed', error: 'ingest failed: bad file', outputs: [] })
    expect(readFileSync(join(dir, 'out', 'nightly', 'latest.json'), 'utf8')).toBe(before)
    expect(runs.lastSucceeded('nightly')!.id).toBe(ok.id)
    const again = await scheduler.runJob({ name: 'nightly', report: 'credentials', cron: '0 2 * * *', formats: ['json'] })
    expect(again.diff!.newFindings).toEqual([])
    expect(runs.list('nightly').map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded'])
  })

  it('posts a summary to the webhook, retrying once after a failure', async () => {
    const statuses = [502, 200]
    const bodies: { job: string; status: string; findings: number }[] = []
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        bodies.push(JSON.parse(body))
        res.statusCode = statuses.shift() ?? 200
        res.end()
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanups.push(() => server.close())
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const input = () => reportInput({ inventory: { users: [awsUser('alice', { accessKeys: [oldKey('AKIAAAAAAAAAAAAAAAA1')] })] } })
    const { scheduler, events } = setup({ webhook: { url, retries: 2, backoffMs: 1 } }, [input])
    await scheduler.runJob({ name: 'nightly', report: 'credentials', cron: '0 2 * * *', formats: ['json'] })
    expect(bodies).toHaveLength(2)
    expect(bodies[1]).toMatchObject({ job: 'nightly', status: 'succeeded', findings: 1 })
    expect(events.find((e) => e['event'] === 'report.webhook')).toMatchObject({ delivered: true, attempts: 2 })
  })
})
