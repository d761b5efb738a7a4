import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ReportRunStore } from '../../../src/reports/index.js'
import type { ReportDocument } from '../../../src/reports/index.js'
import { testServer } from '../helpers.js'
import type { TestServer } from '../helpers.js'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

const doc = (ids: string[]): ReportDocument => ({
  schemaVersion: 1,
  report: 'credentials',
  title: 'Credential hygiene',
  generatedAt: '2026-11-27T02:00:00.000Z',
  snapshot: { id: 'snap-1', createdAt: '2026-11-27T01:00:00.000Z' },
  parameters: {},
  summary: { findings: ids.length, bySeverity: { critical: 0, high: 0, medium: ids.length, low: 0, info: 0 } },
  findings: ids.map((id) => ({ id, check: 'aws-key-age', category: 'credentials', severity: 'medium' as const, title: id, subject: id, subjectName: id, provider: 'aws' as const, evidence: [], remediation: 'rotate', details: {} })),
})

async function serverWithRuns(): Promise<{ server: TestServer; runs: ReportRunStore }> {
  const dir = mkdtempSync(join(tmpdir(), 'crownpath-runs-'))
  const runs = new ReportRunStore(join(dir, 'runs.db'))
  const base = { job: 'nightly', report: 'credentials', startedAt: '2026-11-27T02:00:00Z', finishedAt: '2026-11-27T02:00:01Z', snapshotId: 'snap-1', outputs: [] }
  runs.record({ ...base, status: 'succeeded', error: null, findingCount: 1, document: doc(['a']), diff: { report: 'credentials', from: null, to: 'x', newFindings: doc(['a']).findings, resolvedFindings: [], severityChanged: [], newAdmins: [], newCrownJewelReachers: [] }, facts: { admins: [], crownJewelReachers: [] } })
  runs.record({ ...base, status: 'failed', error: 'ingest failed', findingCount: null, document: null, diff: null, facts: null, snapshotId: null })
  const server = await testServer({ deps: { reportRuns: { list: (job, limit) => runs.list(job, limit), get: (id) => runs.get(id) } } })
  cleanups.push(() => server.close(), () => runs.close(), () => rmSync(dir, { recursive: true, force: true }))
  return { server, runs }
}

describe('/v1/report-runs', () => {
  it('lists runs newest first and filters by job', async () => {
    const { server } = await serverWithRuns()
    const all = await server.app.inject({ method: 'GET', url: '/v1/report-runs' })
    expect(all.statusCode).toBe(200)
    expect(all.json().runs.map((r: { status: string }) => r.status)).toEqual(['failed', 'succeeded'])
    const other = await server.app.inject({ method: 'GET', url: '/v1/report-runs?job=weekly' })
    expect(other.json().runs).toEqual([])
  })

  it('returns one run with its diff, and 404 naming an unknown id', async () => {
    const { server } = await serverWithRuns()
    const first = await server.app.inject({ method: 'GET', url: '/v1/report-runs/1' })
    expect(first.statusCode).toBe(200)
    expect(first.json().diff.newFindings.map((f: { id: string }) => f.id)).toEqual(['a'])
    const missing = await server.app.inject({ method: 'GET', url: '/v1/report-runs/99' })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().detail).toContain('`99`')
  })

  it('answers 501 when the server keeps no run store', async () => {
    const server = await testServer()
    cleanups.push(() => server.close())
    const res = await server.app.inject({ method: 'GET', url: '/v1/report-runs' })
    expect(res.statusCode).toBe(501)
  })
})
