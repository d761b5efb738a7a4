/**
 * @module test/graph/memory/store.test
 * What only the SQLite store has: crash safety of the file, opening errors,
 * and loadSnapshotGraph. The GraphStore contract itself (write, list, resolve,
 * delete, atomicity, secrets, listNodes) runs on it in
 * test/conformance/memory-store.test.ts.
 */
import { spawnSync } from 'node:child_process'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadSnapshotGraph, openMemoryStore } from '../../../src/graph/index.js'
import type { MemoryGraphStore } from '../../../src/graph/index.js'
import { isCrownpathError } from '../../../src/model/index.js'
import { compressChunk, decodeChunk } from '../../../src/graph/memory/codec.js'
import { SCHEMA_VERSION } from '../../../src/graph/memory/sqlite-store.js'
import { sampleSnapshot } from './sample.js'

let dir: string
let dbPath: string
const open: MemoryGraphStore[] = []

function openStore(options: Partial<Parameters<typeof openMemoryStore>[0]> = {}): MemoryGraphStore {
  const store = openMemoryStore({ path: dbPath, ...options })
  open.push(store)
  return store
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-store-'))
  dbPath = join(dir, 'crownpath.db')
})

afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('memory store: crash safety', () => {
  it('a process killed mid-write leaves the earlier snapshot intact', async () => {
    const store = openStore()
    const kept = await store.writeSnapshot(sampleSnapshot(20, 'kept'))
    await store.close()
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), dbPath], { encoding: 'utf8' })
    expect(child.signal).toBe('SIGKILL')
    const after = openStore()
    expect((await after.listSnapshots()).map((s) => s.id)).toEqual([kept.id])
    expect((await after.readSnapshot(kept.id)).nodes).toHaveLength(21)
    // The file still takes new snapshots after the crash.
    await after.writeSnapshot(sampleSnapshot(2, 'after', new Date('2026-11-29T00:00:00.000Z')))
    expect((await after.listSnapshots()).map((s) => s.label)).toEqual(['after', 'kept'])
  })
})

describe('memory store: files', () => {
  it('reopens from disk', async () => {
    const first = openStore()
    const meta = await first.writeSnapshot(sampleSnapshot(4))
    await first.close()
    const second = openStore()
    expect(await second.listSnapshots()).toEqual([meta])
    expect((await second.readSnapshot(meta.id)).edges).toHaveLength(3)
  })

  it('stores each shared evidence item once and reads a file written before the evidence section', async () => {
    const input = sampleSnapshot(6)
    // Two edges explained by the same grant share its item, as derivation makes them.
    const shared = input.edges[0]!.evidence[0]
    const edges = [input.edges[0]!, { ...input.edges[1]!, evidence: [shared, ...input.edges[1]!.evidence] }, ...input.edges.slice(2)]
    const store = openStore()
    const meta = await store.writeSnapshot({ ...input, edges: edges as typeof input.edges })
    await store.close()
    const db = new Database(dbPath)
    const rowsOf = (section: string): unknown[] =>
      (db.prepare('SELECT data FROM chunks WHERE section = ? ORDER BY ordinal').all(section) as { data: Buffer }[]).flatMap((r) => decodeChunk<unknown>(r.data))
    const items = rowsOf('evidence')
    expect(items).toHaveLength(edges.length)
    // Rewritten as before the section: items inline in each edge, no evidence rows.
    const inline = (rowsOf('edges') as unknown[][]).map((row) => row.map((value, i) => (i === 4 ? [value].flat().map((p) => items[p as number]) : value)))
    db.prepare("DELETE FROM chunks WHERE section IN ('evidence', 'edges')").run()
    db.prepare("INSERT INTO chunks (snapshot_seq, section, ordinal, row_count, data) VALUES (1, 'edges', 0, ?, ?)").run(inline.length, compressChunk(JSON.stringify(inline)))
    // …and stamped with the layout version of that time: the evidence section came with layout 2.
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2)
    db.pragma('user_version = 1')
    db.close()
    expect((await openStore({ readonly: true }).readSnapshot(meta.id)).edges).toEqual(edges)
    // Opened to write, the file takes this layout's version: an older crownpath then refuses it.
    expect((await openStore().readSnapshot(meta.id)).edges).toEqual(edges)
    const stamped = new Database(dbPath, { readonly: true })
    expect(stamped.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    stamped.close()
  })

  it('refuses a file of a newer layout as CP_ERR_STORE_OPEN rather than misread it', async () => {
    await openStore().close()
    const db = new Database(dbPath)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    let error: unknown
    try {
      openStore()
    } catch (e) {
      error = e
    }
    expect(isCrownpathError(error, 'CP_ERR_STORE_OPEN') && error.message).toContain(`layout version ${SCHEMA_VERSION + 1}, this crownpath reads up to ${SCHEMA_VERSION}`)
  })

  it('reports a file that is not a store as CP_ERR_STORE_OPEN', () => {
    writeFileSync(dbPath, 'this is not sqlite, just some text that is long enough to have a header......')
    let error: unknown
    try {
      openStore()
    } catch (e) {
      error = e
    }
    expect(isCrownpathError(error, 'CP_ERR_STORE_OPEN')).toBe(true)
    expect(isCrownpathError(error, 'CP_ERR_STORE_OPEN') && error.message).toContain(dbPath)
  })

  it('reports a missing directory as CP_ERR_STORE_OPEN', () => {
    expect(() => openStore({ path: join(dir, 'missing', 'x.db') })).toThrow(/could not open store/)
  })
})

describe('loadSnapshotGraph', () => {
  it('builds a multi directed graph keyed by node and edge ids', async () => {
    const input = sampleSnapshot(4)
    const graph = loadSnapshotGraph(input)
    expect(graph.order).toBe(5)
    expect(graph.size).toBe(3)
    const edge = input.edges[1]!
    expect(graph.getNodeAttributes(edge.from).kind).toBe('AWSRole')
    const ends = (side: 'in' | 'out', id: string): string[] => {
      const out: string[] = []
      const each = side === 'out' ? graph.forEachOutEdge.bind(graph) : graph.forEachInEdge.bind(graph)
      each(id, (_key, _edge, from, to) => out.push(side === 'out' ? to : from))
      return out
    }
    expect(ends('out', 'arn:aws:iam::111111111111:role/role-1')).toEqual(['arn:aws:iam::111111111111:role/role-2'])
    expect(ends('in', 'arn:aws:iam::111111111111:role/role-1')).toEqual(['arn:aws:iam::111111111111:role/role-0'])
    expect(graph.nodeList()).toEqual(input.nodes)
    expect(graph.edgeList()).toEqual(input.edges)
  })

  it('keeps parallel edges of different kinds between the same nodes', () => {
    const input = sampleSnapshot(2)
    const first = input.edges[0]!
    const parallel = { ...first, id: `${first.id}-2`, kind: 'CanEscalateTo' as const }
    const graph = loadSnapshotGraph({ nodes: input.nodes, edges: [first, parallel] })
    const between: string[] = []
    graph.forEachOutEdge(first.from, (key, _edge, _from, to) => {
      if (to === first.to) between.push(key)
    })
    expect(between.sort()).toEqual([first.id, parallel.id].sort())
  })

  it('gives a node\'s edges grouped by the node at the other end, latest parallel edge first (the order graphology gave)', () => {
    const input = sampleSnapshot(4)
    const [a, b, c] = input.nodes.map((n) => n.id) as [string, string, string]
    const edge = (to: string, technique: string) => ({ ...input.edges[0]!, id: `${a}|${technique}|${to}`, from: a, to, technique })
    const edges = [edge(b, 't1'), edge(c, 't2'), edge(b, 't3'), edge(c, 't4'), edge(b, 't5')]
    const graph = loadSnapshotGraph({ nodes: input.nodes, edges })
    const order: string[] = []
    graph.forEachOutEdge(a, (_key, e) => order.push(e.technique ?? ''))
    expect(order).toEqual(['t5', 't3', 't1', 't4', 't2'])
    const into: string[] = []
    graph.forEachInEdge(b, (_key, e) => into.push(e.technique ?? ''))
    expect(into).toEqual(['t5', 't3', 't1'])
    expect(() => graph.forEachOutEdge('nope', () => undefined)).toThrow(/nope/)
  })

  it('refuses a duplicate edge id', () => {
    const input = sampleSnapshot(3)
    expect(() => loadSnapshotGraph({ nodes: input.nodes, edges: [...input.edges, input.edges[0]!] })).toThrow(/duplicate edge id/)
  })

  it('refuses an edge whose endpoint is missing', () => {
    const input = sampleSnapshot(3)
    expect(() => loadSnapshotGraph({ nodes: input.nodes.slice(0, 2), edges: input.edges })).toThrow(/endpoint/)
  })
})
