/**
 * @module test/conformance/graph-store.suite
 * The GraphStore contract as one suite (R6): write, list, resolve, delete,
 * read, readInventory, listNodes, getNode and atomic failure. memory-store.test.ts
 * runs it on the SQLite store, neo4j.test.ts on Neo4j; both must pass the
 * same assertions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GraphStore } from '../../src/graph/index.js'
import { SNAPSHOT_ID_PATTERN } from '../../src/graph/index.js'
import type { ErrorCode } from '../../src/model/index.js'
import { isCrownpathError, makeNode } from '../../src/model/index.js'
import { sampleSnapshot } from '../graph/memory/sample.js'

/** Options of {@link graphStoreSuite}. */
export interface GraphStoreSuiteOptions {
  readonly name: string
  /** Make the backing store empty (called before each test). */
  readonly reset: () => Promise<void>
  /**
   * Open a store on the backing data. `failAfterBatches`: the store throws
   * from inside its write after that many batches/chunks were written, with
   * batches of `batchRows` rows.
   */
  readonly open: (options?: { readonly batchRows?: number; readonly failAfterBatches?: number }) => Promise<GraphStore>
  /** Tests this implementation skips, by name, each with its reason. */
  readonly skip?: readonly { readonly reason: string; readonly tests: readonly string[] }[]
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(isCrownpathError(error, code), `expected ${code}, got ${String(error)}`).toBe(true)
}

/** Register the suite. */
export function graphStoreSuite(options: GraphStoreSuiteOptions): void {
  const skipped = new Map<string, string>()
  for (const s of options.skip ?? []) for (const t of s.tests) skipped.set(t, s.reason)
  const opened: GraphStore[] = []
  const open = async (o?: Parameters<GraphStoreSuiteOptions['open']>[0]): Promise<GraphStore> => {
    const store = await options.open(o)
    opened.push(store)
    return store
  }
  const test = (name: string, fn: () => Promise<void>): void => {
    const reason = skipped.get(name)
    if (reason === undefined) it(name, fn)
    else it.skip(`${name} (skipped: ${reason})`, fn)
  }

  describe(`GraphStore conformance: ${options.name}`, () => {
    beforeEach(async () => {
      await options.reset()
    })
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close()
    })

    test('writes a snapshot and reads back exactly what was written', async () => {
      const store = await open({ batchRows: 7 })
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

    test('keeps tags, properties, conditions and an edge id that differs from the computed one', async () => {
      const store = await open()
      const input = sampleSnapshot(4)
      const tagged = makeNode({
        id: 'arn:aws:s3:::crown',
        kind: 'AWSResource',
        name: 'crown',
        tags: { Owner: 'data', 'cp:class': 'restricted' },
        classification: 'restricted',
        account: '111111111111',
        properties: { accountId: '111111111111', resourceType: 's3:bucket', regions: ['eu-west-1', 'us-east-1'], versioned: true, size: 3 },
      })
      const edge = { ...input.edges[2]!, id: 'custom-id' }
      const meta = await store.writeSnapshot({ ...input, nodes: [...input.nodes, tagged], edges: [input.edges[0]!, edge] })
      const content = await store.readSnapshot(meta.id)
      expect(content.edges).toEqual([input.edges[0], edge])
      expect(content.edges[1]!.conditional).toBe(true)
      expect(await store.getNode(meta.id, 'arn:aws:s3:::crown')).toEqual(tagged)
    })

    test('lists newest first and resolves latest, ids and unique prefixes', async () => {
      const store = await open()
      const older = await store.writeSnapshot(sampleSnapshot(2, 'older', new Date('2026-11-01T00:00:00.000Z')))
      const newer = await store.writeSnapshot(sampleSnapshot(2, 'newer', new Date('2026-11-02T00:00:00.000Z')))
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

    test('orders snapshots of the same millisecond by write order', async () => {
      const store = await open()
      const at = new Date('2026-11-27T10:00:00.000Z')
      const first = await store.writeSnapshot(sampleSnapshot(1, 'first', at))
      const second = await store.writeSnapshot(sampleSnapshot(1, 'second', at))
      expect(first.id).not.toBe(second.id)
      expect((await store.listSnapshots()).map((s) => s.id)).toEqual([second.id, first.id])
    })

    test('says the store is empty for latest, and not found for an id', async () => {
      const store = await open()
      expect(await store.listSnapshots()).toEqual([])
      await expectCode(store.readSnapshot('latest'), 'CP_ERR_SNAPSHOT_NONE')
      await expectCode(store.listNodes('latest', { limit: 1, offset: 0 }), 'CP_ERR_SNAPSHOT_NONE')
      await expectCode(store.readSnapshot('snap-20261127T100000000Z-abcd'), 'CP_ERR_SNAPSHOT_NOT_FOUND')
      await expectCode(store.getNode('snap-20261127T100000000Z-abcd', 'x'), 'CP_ERR_SNAPSHOT_NOT_FOUND')
    })

    test('deletes a snapshot by reference and leaves the others', async () => {
      const store = await open()
      const a = await store.writeSnapshot(sampleSnapshot(3, 'a', new Date('2026-11-01T00:00:00.000Z')))
      const b = await store.writeSnapshot(sampleSnapshot(3, 'b', new Date('2026-11-02T00:00:00.000Z')))
      await store.readSnapshot(b.id)
      expect((await store.deleteSnapshot('latest')).id).toBe(b.id)
      expect((await store.listSnapshots()).map((s) => s.id)).toEqual([a.id])
      await expectCode(store.readSnapshot(b.id), 'CP_ERR_SNAPSHOT_NOT_FOUND')
      await expectCode(store.deleteSnapshot(b.id), 'CP_ERR_SNAPSHOT_NOT_FOUND')
      expect((await store.readSnapshot('latest')).nodes).toHaveLength(4)
    })

    test('a written snapshot is unaffected by later writes and by mutating the input', async () => {
      const store = await open()
      const input = sampleSnapshot(5)
      const meta = await store.writeSnapshot(input)
      const before = structuredClone(await store.readSnapshot(meta.id))
      ;(input.nodes as unknown[]).length = 0
      await store.writeSnapshot(sampleSnapshot(9, 'later', new Date('2026-11-28T00:00:00.000Z')))
      const other = await open()
      expect(await other.readSnapshot(meta.id)).toEqual(before)
    })

    test('a failure mid-write leaves earlier snapshots readable and lists no partial snapshot', async () => {
      const good = await open()
      const kept = await good.writeSnapshot(sampleSnapshot(30, 'kept'))
      const expected = await good.readSnapshot(kept.id)
      const failing = await open({ batchRows: 5, failAfterBatches: 4 })
      await expectCode(failing.writeSnapshot(sampleSnapshot(40, 'doomed', new Date('2026-11-28T00:00:00.000Z'))), 'CP_ERR_SNAPSHOT_WRITE')
      for (const store of [failing, await open()]) {
        expect((await store.listSnapshots()).map((s) => s.label)).toEqual(['kept'])
        expect(await store.readSnapshot('latest')).toEqual(expected)
        expect(await store.getNode('latest', 'arn:aws:iam::111111111111:role/role-35')).toBeNull()
      }
    })

    test('refuses an edge whose endpoint is not in the snapshot and writes nothing', async () => {
      const store = await open()
      const input = sampleSnapshot(3)
      const dangling = { ...input.edges[0]!, id: 'dangling', to: 'arn:aws:iam::111111111111:role/missing' }
      const failed = await store.writeSnapshot({ ...input, edges: [...input.edges, dangling] }).then(
        () => null,
        (e: unknown) => e,
      )
      // deriveGraph never produces one. The memory store keeps it as written (loadSnapshotGraph refuses it
      // later); Neo4j cannot hang a relationship on a missing node and refuses the write. Either way
      // nothing half-written is visible.
      if (failed === null) {
        expect((await store.readSnapshot('latest')).edges).toEqual([...input.edges, dangling])
      } else {
        expect(isCrownpathError(failed, 'CP_ERR_SNAPSHOT_WRITE'), String(failed)).toBe(true)
        expect(await store.listSnapshots()).toEqual([])
      }
    })

    test('refuses secret-bearing fields and writes nothing', async () => {
      const store = await open()
      const input = sampleSnapshot(2)
      const leaky = makeNode({ id: 'AKIAEXAMPLE', kind: 'AWSAccessKey', name: 'AKIAEXAMPLE', properties: { status: 'Active', SecretAccessKey: 'x' } })
      await expectCode(store.writeSnapshot({ ...input, nodes: [...input.nodes, leaky] }), 'CP_ERR_MODEL_SECRET_FIELD')
      const inventory = { ...input.inventory, aws: { ...input.inventory.aws, users: [{ arn: 'u', password: 'hunter2' }] } } as unknown as typeof input.inventory
      await expectCode(store.writeSnapshot({ ...input, inventory }), 'CP_ERR_MODEL_SECRET_FIELD')
      expect(await store.listSnapshots()).toEqual([])
    })

    test('lists nodes by id with filters and paging, and finds nodes by id', async () => {
      const store = await open()
      const meta = await store.writeSnapshot(sampleSnapshot(12))
      const all = await store.listNodes(meta.id, { limit: 100, offset: 0 })
      expect(all.total).toBe(13)
      expect(all.nodes.map((n) => n.id)).toEqual([...all.nodes.map((n) => n.id)].sort())
      const roles = await store.listNodes('latest', { kind: 'AWSRole', search: 'ROLE-1', limit: 2, offset: 1 })
      expect(roles.total).toBe(3)
      expect(roles.nodes.map((n) => n.name)).toEqual(['role-10', 'role-11'])
      expect((await store.listNodes('latest', { isTierZero: true, limit: 10, offset: 0 })).nodes.map((n) => n.kind)).toEqual(['AWSAccount'])
      expect((await store.listNodes('latest', { provider: 'azure', limit: 10, offset: 0 })).total).toBe(0)
      expect((await store.listNodes('latest', { limit: 5, offset: 20 })).nodes).toEqual([])
      expect((await store.getNode('latest', 'arn:aws:iam::111111111111:role/role-3'))?.name).toBe('role-3')
      expect(await store.getNode('latest', 'arn:aws:iam::111111111111:role/nope')).toBeNull()
    })

    test('finds Entra nodes by object id in any letter case', async () => {
      const store = await open()
      const input = sampleSnapshot(1)
      const user = makeNode({ id: 'azure:6c12b0b0-aaaa-4a6b-8f00-00000000000a', kind: 'AZUser', name: 'ada', properties: { tenantId: 't' } })
      await store.writeSnapshot({ ...input, nodes: [...input.nodes, user] })
      expect((await store.getNode('latest', 'azure:6C12B0B0-AAAA-4A6B-8F00-00000000000A'))?.id).toBe(user.id)
      expect((await store.getNode('latest', '6C12B0B0-AAAA-4A6B-8F00-00000000000A'))?.id).toBe(user.id)
    })
  })
}
