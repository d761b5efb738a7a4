import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SNAPSHOT_ID_PATTERN, loadGraphology, openMemoryStore } from '../../../src/graph/index.js'
import type { MemoryGraphStore } from '../../../src/graph/index.js'
import { isCrownpathError, makeNode } from '../../../src/model/index.js'
import type { ErrorCode } from '../../../src/model/index.js'
import { sampleSnapshot } from './sample.js'

let dir: string
let dbPath: string
const open: MemoryGraphStore[] = []

function openStore(options: Partial<Parameters<typeof openMemoryStore>[0]> = {}): MemoryGraphStore {
  const store = openMemoryStore({ path: dbPath, ...options })
  open.push(store)
  return store
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(isCrownpathError(error, code), `expected ${code}, got ${String(error)}`).toBe(true)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crownpath-store-'))
  dbPath = join(dir, 'crownpath.db')
})

afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('memory store: write, list, resolve', () => {
  it('writes a snapshot and reads back exactly what was written', async () => {
    const store = openStore({ chunkRows: 7 })
    const input = sampleSnapshot(50)
    const meta = await store.writeSnapshot(input)
    expect(meta.id).toMatch(SNAPSHOT_ID_PATTERN)
    expect(meta.id.startsWith('snap-20261127T100000000Z-')).toBe(true)
    expect(meta).toMatchObject({ createdAt: '2026-11-27T10:00:00.000Z', label: 'sample', nodeCount: 51, edgeCount: 49, issueCount: 1 })
    expect(meta.kinds).toEqual({ AWSAccount: 1, AWSRole: 50 })
    const content = await store.readSnapshot(meta.id)
    expect(content.meta).toEqual(meta)
    expect(content.nodes).toEqual(input.nodes)
    expect(content.edges).toEqual(input.edges)
    expect(content.issues).toEqual(input.issues)
    expect(await store.readInventory(meta.id)).toEqual(input.inventory)
  })

  it('keeps an edge id that differs from the computed one', async () => {
    const store = openStore()
    const input = sampleSnapshot(3)
    const edge = { ...input.edges[0]!, id: 'custom-id' }
    const meta = await store.writeSnapshot({ ...input, edges: [edge] })
    expect((await store.readSnapshot(meta.id)).edges).toEqual([edge])
  })

  it('lists newest first and resolves latest, ids and unique prefixes', async () => {
    const store = openStore()
    const older = await store.writeSnapshot(sampleSnapshot(2, 'older', new Date('2026-11-01T00:00:00.000Z')))
    const newer = await store.writeSnapshot(sampleSnapshot(2, 'newer', new Date('2026-11-02T00:00:00.000Z')))
    // Written last but dated earliest: the listing follows the dates.
    const oldest = await store.writeSnapshot(sampleSnapshot(2, 'oldest', new Date('2026-10-01T00:00:00.000Z')))
    expect((await store.listSnapshots()).map((s) => s.label)).toEqual(['newer', 'older', 'oldest'])
    expect((await store.resolveSnapshot('latest')).id).toBe(newer.id)
    expect((await store.resolveSnapshot(older.id)).id).toBe(older.id)
    expect((await store.resolveSnapshot('snap-20261101')).id).toBe(older.id)
    expect((await store.resolveSnapshot('20261001')).id).toBe(oldest.id)
    await expectCode(store.resolveSnapshot('snap-202611'), 'CP_ERR_SNAPSHOT_AMBIGUOUS')
    await expectCode(store.resolveSnapshot('snap-2025'), 'CP_ERR_SNAPSHOT_NOT_FOUND')
    await expectCode(store.resolveSnapshot(''), 'CP_ERR_SNAPSHOT_NOT_FOUND')
  })

  it('orders snapshots of the same millisecond by write order', async () => {
    const store = openStore()
    const at = new Date('2026-11-27T10:00:00.000Z')
    const first = await store.writeSnapshot(sampleSnapshot(1, 'first', at))
    const second = await store.writeSnapshot(sampleSnapshot(1, 'second', at))
    expect(first.id).not.toBe(second.id)
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([second.id, first.id])
  })

  it('says the store is empty for latest, and not found for an id', async () => {
    const store = openStore()
    expect(await store.listSnapshots()).toEqual([])
    await expectCode(store.readSnapshot('latest'), 'CP_ERR_SNAPSHOT_NONE')
    await expectCode(store.readSnapshot('snap-20261127T100000000Z-abcd'), 'CP_ERR_SNAPSHOT_NOT_FOUND')
  })

  it('deletes a snapshot by reference and leaves the others', async () => {
    const store = openStore()
    const a = await store.writeSnapshot(sampleSnapshot(3, 'a', new Date('2026-11-01T00:00:00.000Z')))
    const b = await store.writeSnapshot(sampleSnapshot(3, 'b', new Date('2026-11-02T00:00:00.000Z')))
    await store.readSnapshot(b.id) // cached: deletion must evict it
    expect((await store.deleteSnapshot('latest')).id).toBe(b.id)
    expect((await store.listSnapshots()).map((s) => s.id)).toEqual([a.id])
    await expectCode(store.readSnapshot(b.id), 'CP_ERR_SNAPSHOT_NOT_FOUND')
    await expectCode(store.deleteSnapshot(b.id), 'CP_ERR_SNAPSHOT_NOT_FOUND')
    expect((await store.readSnapshot('latest')).meta.id).toBe(a.id)
  })
})

describe('memory store: immutability and atomicity', () => {
  it('a written snapshot is unaffected by later writes and by mutating the input', async () => {
    const store = openStore()
    const input = sampleSnapshot(5)
    const meta = await store.writeSnapshot(input)
    const before = structuredClone(await store.readSnapshot(meta.id))
    ;(input.nodes as unknown[]).length = 0
    await store.writeSnapshot(sampleSnapshot(9, 'later', new Date('2026-11-28T00:00:00.000Z')))
    const reopened = openMemoryStore({ path: dbPath })
    open.push(reopened)
    expect(await reopened.readSnapshot(meta.id)).toEqual(before)
  })

  it('a failure mid-write leaves earlier snapshots readable and lists no partial snapshot', async () => {
    const good = openStore()
    const kept = await good.writeSnapshot(sampleSnapshot(30, 'kept'))
    const expected = await good.readSnapshot(kept.id)
    let chunks = 0
    const failing = openStore({
      chunkRows: 5,
      onChunkWritten: () => {
        chunks += 1
        if (chunks === 4) throw new Error('disk on fire')
      },
    })
    await expectCode(failing.writeSnapshot(sampleSnapshot(40, 'doomed', new Date('2026-11-28T00:00:00.000Z'))), 'CP_ERR_SNAPSHOT_WRITE')
    expect(chunks).toBe(4)
    for (const store of [failing, openStore()]) {
      expect((await store.listSnapshots()).map((s) => s.label)).toEqual(['kept'])
      expect(await store.readSnapshot('latest')).toEqual(expected)
    }
  })

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

  it('refuses secret-bearing fields and writes nothing', async () => {
    const store = openStore()
    const input = sampleSnapshot(2)
    const leaky = makeNode({ id: 'AKIAEXAMPLE', kind: 'AWSAccessKey', name: 'AKIAEXAMPLE', properties: { status: 'Active', SecretAccessKey: 'x' } })
    await expectCode(store.writeSnapshot({ ...input, nodes: [...input.nodes, leaky] }), 'CP_ERR_MODEL_SECRET_FIELD')
    const inventory = { ...input.inventory, aws: { ...input.inventory.aws, users: [{ arn: 'u', password: 'hunter2' }] } } as unknown as typeof input.inventory
    await expectCode(store.writeSnapshot({ ...input, inventory }), 'CP_ERR_MODEL_SECRET_FIELD')
    expect(await store.listSnapshots()).toEqual([])
  })
})

describe('memory store: files and queries', () => {
  it('reopens from disk', async () => {
    const first = openStore()
    const meta = await first.writeSnapshot(sampleSnapshot(4))
    await first.close()
    const second = openStore()
    expect(await second.listSnapshots()).toEqual([meta])
    expect((await second.readSnapshot(meta.id)).edges).toHaveLength(3)
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

  it('lists nodes by id with filters and paging, and finds nodes by id', async () => {
    const store = openStore()
    const meta = await store.writeSnapshot(sampleSnapshot(12))
    const all = await store.listNodes(meta.id, { limit: 100, offset: 0 })
    expect(all.total).toBe(13)
    expect(all.nodes.map((n) => n.id)).toEqual([...all.nodes.map((n) => n.id)].sort())
    const roles = await store.listNodes('latest', { kind: 'AWSRole', search: 'ROLE-1', limit: 2, offset: 1 })
    expect(roles.total).toBe(3) // role-1, role-10, role-11
    expect(roles.nodes.map((n) => n.name)).toEqual(['role-10', 'role-11'])
    expect((await store.listNodes('latest', { isTierZero: true, limit: 10, offset: 0 })).nodes.map((n) => n.kind)).toEqual(['AWSAccount'])
    expect((await store.listNodes('latest', { provider: 'azure', limit: 10, offset: 0 })).total).toBe(0)
    expect((await store.getNode('latest', 'arn:aws:iam::111111111111:role/role-3'))?.name).toBe('role-3')
    expect(await store.getNode('latest', 'arn:aws:iam::111111111111:role/nope')).toBeNull()
  })

  it('finds Entra nodes by object id in any letter case', async () => {
    const store = openStore()
    const input = sampleSnapshot(1)
    const user = makeNode({ id: 'azure:6c12b0b0-aaaa-4a6b-8f00-00000000000a', kind: 'AZUser', name: 'ada', properties: { tenantId: 't' } })
    await store.writeSnapshot({ ...input, nodes: [...input.nodes, user] })
    expect((await store.getNode('latest', 'azure:6C12B0B0-AAAA-4A6B-8F00-00000000000A'))?.id).toBe(user.id)
    expect((await store.getNode('latest', '6C12B0B0-AAAA-4A6B-8F00-00000000000A'))?.id).toBe(user.id)
  })
})

describe('loadGraphology', () => {
  it('builds a multi directed graph keyed by node and edge ids', async () => {
    const input = sampleSnapshot(4)
    const graph = loadGraphology(input)
    expect(graph.order).toBe(5)
    expect(graph.size).toBe(3)
    const edge = input.edges[1]!
    expect(graph.source(edge.id)).toBe(edge.from)
    expect(graph.target(edge.id)).toBe(edge.to)
    expect(graph.getEdgeAttributes(edge.id)).toBe(edge)
    expect(graph.getNodeAttributes(edge.from).kind).toBe('AWSRole')
    expect(graph.outNeighbors('arn:aws:iam::111111111111:role/role-1')).toEqual(['arn:aws:iam::111111111111:role/role-2'])
    expect(graph.inNeighbors('arn:aws:iam::111111111111:role/role-1')).toEqual(['arn:aws:iam::111111111111:role/role-0'])
  })

  it('keeps parallel edges of different kinds between the same nodes', () => {
    const input = sampleSnapshot(2)
    const first = input.edges[0]!
    const parallel = { ...first, id: `${first.id}-2`, kind: 'CanEscalateTo' as const }
    expect(loadGraphology({ nodes: input.nodes, edges: [first, parallel] }).edges(first.from, first.to)).toHaveLength(2)
  })

  it('refuses an edge whose endpoint is missing', () => {
    const input = sampleSnapshot(3)
    expect(() => loadGraphology({ nodes: input.nodes.slice(0, 2), edges: input.edges })).toThrow(/endpoint/)
  })
})
