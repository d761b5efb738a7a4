import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openMemoryStore } from '../../src/graph/index.js'
import type { MemoryGraphStore } from '../../src/graph/index.js'
import { LOADERS, demoManifestPath, ingestDemo, readManifest } from '../../src/ingest/index.js'

let dir: string
let store: MemoryGraphStore
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-demo-'))
  store = openMemoryStore({ path: join(dir, 'demo.db') })
})
afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the bundled demo organisation', () => {
  it('names only loaders that exist in LOADERS', async () => {
    const manifest = await readManifest(demoManifestPath())
    const names = new Set(LOADERS.map((row) => row.name))
    expect(manifest.loaders.map((l) => l.loader).filter((name) => !names.has(name))).toEqual([])
  })

  it('ingests into one snapshot labelled demo, with AWS and Azure nodes', async () => {
    const result = await ingestDemo(store, { now: new Date('2026-11-27T12:00:00.000Z') })
    expect(result.skipped).toEqual([])
    expect(result.snapshot.label).toBe('demo')
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([result.snapshot.id])
    const content = await store.readSnapshot('latest')
    expect([...new Set(content.nodes.map((n) => n.provider))]).toEqual(expect.arrayContaining(['aws', 'azure']))
    expect(content.edges.length).toBeGreaterThan(0)
  })
})
