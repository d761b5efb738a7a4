/**
 * Golden report files for the demo organisation, in every format each report
 * offers. The files under test/golden/reports were generated once and read
 * line by line against examples/demo/README.md (seeded paths and decoys)
 * before being committed; this test keeps the output from drifting. To
 * regenerate after an intended change: CROWNPATH_UPDATE_GOLDEN=1, then read
 * the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadActionCatalog } from '../../src/aws/policy/index.js'
import { openMemoryStore } from '../../src/graph/index.js'
import type { GraphStore } from '../../src/graph/index.js'
import { ingestDemo } from '../../src/ingest/index.js'
import { openMemoryEngine } from '../../src/paths/index.js'
import { REPORTS, buildReport, loadReportInput, renderReport } from '../../src/reports/index.js'
import type { ReportFormat } from '../../src/reports/index.js'

const GOLDEN = join(import.meta.dirname, '..', 'golden', 'reports')
const NOW = new Date('2026-11-27T12:00:00Z')
const update = process.env['CROWNPATH_UPDATE_GOLDEN'] === '1'

/** Snapshot ids end in 4 random hex digits: the only non-deterministic part. */
const normalise = (text: string): string => text.replace(/snap-(\d{8}T\d{9}Z)-[0-9a-f]{4}/g, 'snap-$1-xxxx')

let store: GraphStore
beforeAll(async () => {
  store = openMemoryStore({ path: ':memory:' })
  await ingestDemo(store, { now: NOW })
})

describe('demo organisation reports match the reviewed golden files', () => {
  for (const report of REPORTS) {
    it(`${report.name}: ${report.formats.join(', ')}`, async () => {
      const settings = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'demo', 'report-settings.json'), 'utf8'))
      const input = await loadReportInput({ store, ref: 'latest', openEngine: async (id) => openMemoryEngine(await store.readSnapshot(id)), catalog: await loadActionCatalog(), now: NOW, settings })
      const doc = await buildReport(report.name, input)
      const nodeKinds = new Map(input.nodes.map((n) => [n.id, n.kind]))
      const nodeNames = new Map(input.nodes.map((n) => [n.id, n.name]))
      for (const format of report.formats) {
        const text = normalise(format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderReport(doc, format as ReportFormat, { version: 'golden', nodeKinds, nodeNames }))
        const file = join(GOLDEN, `${report.name}.${format}`)
        if (update) writeFileSync(file, text)
        expect(existsSync(file), `${file} is missing: regenerate with CROWNPATH_UPDATE_GOLDEN=1 and review it`).toBe(true)
        expect(text, `${report.name}.${format} differs from the reviewed golden file`).toBe(readFileSync(file, 'utf8'))
      }
    })
  }

  it('the break-glass review finds the two seeded escalations to the AWS break-glass user and nothing below tier zero for the Entra one', () => {
    const doc = JSON.parse(readFileSync(join(GOLDEN, 'break-glass.json'), 'utf8'))
    const aws = doc.reviews.find((r: { name: string }) => r.name === 'breakglass-admin')
    const inbound = aws.controls.find((c: { control: string }) => c.control === 'inbound-paths')
    expect(inbound.status).toBe('fail')
    expect(inbound.detail).toContain('dev-dan')
    expect(inbound.detail).toContain('ci-legacy')
    const entra = doc.reviews.find((r: { id: string }) => r.id === 'azure:a1a1a1a1-0000-4000-8000-000000000001')
    expect(entra.controls.find((c: { control: string }) => c.control === 'inbound-paths').status).toBe('pass')
  })
})
