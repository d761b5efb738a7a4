/**
 * @module graph/neo4j/store
 * The GraphStore on Neo4j 5.26 (Community works) through neo4j-driver 6.
 *
 * Snapshot identity: every node carries a `snapshot` property (with its `id`,
 * unique together) and the node kind as a second label; relationships hang
 * between nodes of one snapshot, so they need no tag of their own. A
 * `CPSnapshot` node holds the metadata. A property rather than a label per
 * snapshot because a label would have to be spliced into the Cypher text
 * (labels cannot be parameters of MATCH in 5.26), and because one composite
 * index on (snapshot, id) serves every lookup of every snapshot.
 *
 * Writes go in UNWIND batches (`batchRows`, default 5000 rows per statement),
 * one transaction each; Neo4j Community cannot hold an M-size snapshot in one
 * transaction cheaply, so atomicity comes from publication instead:
 *
 * INVARIANT (snapshot-immutable): a snapshot is invisible (`complete: false`)
 * until every batch has landed and `snapshot-complete` flips it in one small
 * transaction; reads only ever resolve complete snapshots; a failed write
 * deletes its own partial data (by its own snapshot id, so earlier snapshots
 * are never touched), and a writer that died leaves an invisible snapshot the
 * next write removes.
 */
import type { DataIssue, GraphEdge, GraphNode, Inventory } from '../../model/index.js'
import { CrownpathError, assertNoSecrets, canonicalNodeRef, isCrownpathError } from '../../model/index.js'
import { loadStatements } from '../../../queries/index.js'
import type { GraphStore, NodePage, NodeQuery, SnapshotContent, SnapshotInput, SnapshotMeta, SnapshotRef } from '../store.js'
import { buildSnapshotMeta } from '../store.js'
import { makeSnapshotId, matchSnapshotRef } from '../memory/snapshot-id.js'
import { INVENTORY_LIST_PREFIX, chunkRows, decodeChunk, decodeValue, encodeChunks, joinInventory, listJobs, splitInventory } from '../memory/codec.js'
import { decodeEdge, decodeNode, encodeEdge, encodeNode } from './codec.js'
import type { Neo4jStoreSpec, Row } from './connection.js'
import { Neo4jConnection, errorText, loadNeo4jDriver, resolveNeo4jSettings, toStoreError } from './connection.js'

/** Default rows per UNWIND statement: big enough to amortise a round trip, small enough for a modest heap. */
export const DEFAULT_BATCH_ROWS = 5000

/** Rows per inventory/issue chunk (gzip'd JSON; one chunk is one string property). */
const CHUNK_RECORDS = 5000

/** A snapshot still incomplete this long after it started belongs to a writer that died. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000

/** Nodes read per query when a whole snapshot is read back. */
const READ_WINDOW = 20_000

/** The Neo4j GraphStore. Use {@link openNeo4jStore}. */
export class Neo4jGraphStore implements GraphStore {
  readonly location: string
  /** The connection (the Cypher path engine runs its queries through it). */
  readonly connection: Neo4jConnection
  readonly #spec: Neo4jStoreSpec

  /** Use {@link openNeo4jStore}. */
  constructor(connection: Neo4jConnection, spec: Neo4jStoreSpec) {
    this.connection = connection
    this.location = connection.location
    this.#spec = spec
  }

  /** Run an operation, mapping driver failures to coded errors naming the URI. */
  async #guard<T>(work: () => Promise<T>, fallback: 'CP_ERR_SNAPSHOT_WRITE' | 'CP_ERR_INTERNAL' = 'CP_ERR_INTERNAL'): Promise<T> {
    try {
      return await work()
    } catch (error) {
      throw toStoreError(error, this.location, fallback)
    }
  }

  async writeSnapshot(input: SnapshotInput): Promise<SnapshotMeta> {
    // Checked before anything is sent: a refused snapshot writes nothing.
    assertNoSecrets(input.inventory, '$.inventory')
    assertNoSecrets(input.nodes, '$.nodes')
    const createdAt = input.createdAt ?? new Date()
    const meta = buildSnapshotMeta(makeSnapshotId(createdAt), createdAt, input)
    // Encode everything first: a bad kind fails here, before the snapshot node exists.
    const nodeRows = input.nodes.map((n, i) => encodeNode(n, i))
    const edgeRows = input.edges.map((e, i) => encodeEdge(e, i))
    const batch = this.#spec.batchRows ?? DEFAULT_BATCH_ROWS
    const hook = this.#spec.onBatchWritten
    const snapshot = meta.id

    await this.#guard(() => this.#purgeStale(), 'CP_ERR_SNAPSHOT_WRITE')
    await this.#guard(
      () => this.connection.run('snapshot-begin', { id: snapshot, createdAt: meta.createdAt, label: meta.label, startedAt: new Date().toISOString() }),
      'CP_ERR_SNAPSHOT_WRITE',
    )
    try {
      let ordinal = 0
      for (const rows of chunkRows(nodeRows, batch)) {
        const [row] = await this.connection.run('write-nodes', { snapshot, rows })
        if (Number(row?.written) !== rows.length) throw new Error(`wrote ${String(row?.written)} of ${rows.length} nodes in batch ${ordinal}`)
        hook?.({ snapshotId: snapshot, section: 'nodes', ordinal: ordinal++ })
      }
      ordinal = 0
      for (const rows of chunkRows(edgeRows, batch)) {
        const [row] = await this.connection.run('write-edges', { snapshot, rows })
        // An edge whose endpoint is not in the snapshot matches nothing and is not created.
        if (Number(row?.written) !== rows.length) {
          throw new CrownpathError('CP_ERR_SNAPSHOT_WRITE', { reason: `batch ${ordinal} of edges has ${rows.length - Number(row?.written)} edge(s) whose endpoint is not in the snapshot` })
        }
        hook?.({ snapshotId: snapshot, section: 'edges', ordinal: ordinal++ })
      }
      await this.#writeChunks(snapshot, input)
      const [done] = await this.connection.run('snapshot-complete', { id: snapshot, meta: JSON.stringify(meta) })
      if (done === undefined) throw new Error('the snapshot node disappeared while it was written')
    } catch (error) {
      // INVARIANT (snapshot-immutable): remove our own partial data, never anything else.
      await this.#deleteData(snapshot).catch(() => {
        // Neo4j is gone too: the invisible remains are removed by the next write (#purgeStale).
      })
      throw toStoreError(error, this.location, 'CP_ERR_SNAPSHOT_WRITE')
    }
    return meta
  }

  /** Issues and the inventory, as gzip'd JSON chunks (the memory store's codec, base64 for a string property). */
  async #writeChunks(snapshot: string, input: SnapshotInput): Promise<void> {
    const hook = this.#spec.onBatchWritten
    const rows: { section: string; ordinal: number; data: string }[] = []
    const flush = async (): Promise<void> => {
      if (rows.length === 0) return
      await this.connection.run('write-chunks', { snapshot, rows: rows.splice(0) })
    }
    const add = async (section: string, ordinal: number, data: Buffer): Promise<void> => {
      rows.push({ section, ordinal, data: data.toString('base64') })
      hook?.({ snapshotId: snapshot, section, ordinal })
      if (rows.length >= 8) await flush()
    }
    const { skeleton, lists } = splitInventory(input.inventory)
    const chunks = await encodeChunks(
      (function* () {
        yield* listJobs('issues', input.issues, CHUNK_RECORDS)
        yield { section: 'inventory', ordinal: 0, rowCount: 1, json: () => JSON.stringify(skeleton) }
        for (const [path, list] of lists) yield* listJobs(`${INVENTORY_LIST_PREFIX}${path}`, list, CHUNK_RECORDS)
      })(),
      { inWorker: false },
    )
    for (const chunk of chunks) await add(chunk.section, chunk.ordinal, chunk.data)
    await flush()
  }

  /** Delete a snapshot's data in batches, then its snapshot node. */
  async #deleteData(snapshot: string): Promise<void> {
    const batch = Math.max(1000, this.#spec.batchRows ?? DEFAULT_BATCH_ROWS)
    for (;;) {
      const [row] = await this.connection.run('delete-snapshot-nodes', { snapshot, batch })
      if (Number(row?.deleted ?? 0) === 0) break
    }
    for (;;) {
      const [row] = await this.connection.run('delete-snapshot-chunks', { snapshot, batch })
      if (Number(row?.deleted ?? 0) === 0) break
    }
    await this.connection.run('delete-snapshot-meta', { id: snapshot })
  }

  /** Remove snapshots a dead writer (or an interrupted delete) left invisible. */
  async #purgeStale(): Promise<void> {
    const before = new Date(Date.now() - STALE_AFTER_MS).toISOString()
    for (const row of await this.connection.run('list-stale-snapshots', { before })) await this.#deleteData(row.id as string)
  }

  async listSnapshots(): Promise<readonly SnapshotMeta[]> {
    return this.#guard(async () => (await this.connection.run('list-snapshots', {})).map((r) => JSON.parse(r.meta as string) as SnapshotMeta))
  }

  async resolveSnapshot(ref: SnapshotRef): Promise<SnapshotMeta> {
    return matchSnapshotRef(await this.listSnapshots(), ref)
  }

  async deleteSnapshot(ref: SnapshotRef): Promise<SnapshotMeta> {
    const meta = await this.resolveSnapshot(ref)
    await this.#guard(async () => {
      // Hidden first, so readers stop seeing it at once; an interrupted delete is finished by #purgeStale.
      await this.connection.run('snapshot-hide', { id: meta.id })
      await this.#deleteData(meta.id)
    })
    return meta
  }

  async readSnapshot(ref: SnapshotRef): Promise<SnapshotContent> {
    const meta = await this.resolveSnapshot(ref)
    const snapshot = meta.id
    return this.#guard(async () => {
      const nodes: GraphNode[] = []
      const edges: { ord: number; edge: GraphEdge }[] = []
      for (let from = 0; from < meta.nodeCount; from += READ_WINDOW) {
        const to = from + READ_WINDOW
        for (const row of await this.connection.run('read-nodes', { snapshot, from, to })) nodes.push(decodeNode(row.n as Row))
        for (const row of await this.connection.run('read-edges', { snapshot, from, to })) {
          const r = row.r as Row
          edges.push({ ord: r.ord as number, edge: decodeEdge(row.from as string, row.to as string, row.kind as string, r) })
        }
      }
      // Write order, as the memory store returns it.
      edges.sort((a, b) => a.ord - b.ord)
      const issues: DataIssue[] = []
      for (const row of await this.connection.run('read-chunks', { snapshot, prefix: 'issues' })) {
        for (const issue of decodeChunk<DataIssue>(Buffer.from(row.data as string, 'base64'))) issues.push(issue)
      }
      return { meta, nodes, edges: edges.map((e) => e.edge), issues }
    })
  }

  async readInventory(ref: SnapshotRef): Promise<Inventory> {
    const meta = await this.resolveSnapshot(ref)
    return this.#guard(async () => {
      let skeleton: Record<string, unknown> = {}
      const lists = new Map<string, unknown[]>()
      for (const row of await this.connection.run('read-chunks', { snapshot: meta.id, prefix: 'inventory' })) {
        const data = Buffer.from(row.data as string, 'base64')
        const section = row.section as string
        if (section === 'inventory') {
          skeleton = decodeValue<Record<string, unknown>>(data)
          continue
        }
        const path = section.slice(INVENTORY_LIST_PREFIX.length)
        const list = lists.get(path) ?? []
        for (const item of decodeChunk(data)) list.push(item)
        lists.set(path, list)
      }
      return joinInventory(skeleton, lists)
    })
  }

  async listNodes(ref: SnapshotRef, query: NodeQuery): Promise<NodePage> {
    const meta = await this.resolveSnapshot(ref)
    return this.#guard(async () => {
      const [row] = await this.connection.run('list-nodes', {
        snapshot: meta.id,
        kind: query.kind ?? null,
        provider: query.provider ?? null,
        isTierZero: query.isTierZero ?? null,
        search: query.search === undefined ? null : query.search.toLowerCase(),
        offset: query.offset,
        limit: query.limit,
      })
      return { total: Number(row?.total ?? 0), nodes: ((row?.nodes ?? []) as Row[]).map(decodeNode) }
    })
  }

  async getNode(ref: SnapshotRef, id: string): Promise<GraphNode | null> {
    const meta = await this.resolveSnapshot(ref)
    const candidates = canonicalNodeRef(id)
    const found = await this.getNodes(meta.id, candidates)
    for (const candidate of candidates) {
      const node = found.get(candidate)
      if (node) return node
    }
    return null
  }

  /** Nodes of a resolved snapshot by exact id (missing ids are absent from the map). */
  async getNodes(snapshot: string, ids: readonly string[]): Promise<Map<string, GraphNode>> {
    return this.#guard(async () => {
      const out = new Map<string, GraphNode>()
      for (const part of chunkRows(ids, READ_WINDOW)) {
        for (const row of await this.connection.run('get-nodes', { snapshot, ids: part })) {
          const node = decodeNode(row.n as Row)
          out.set(node.id, node)
        }
      }
      return out
    })
  }

  async close(): Promise<void> {
    await this.connection.close()
  }
}


/**
 * Connect to Neo4j, check it answers, and create the constraints and indexes.
 * Neo4j down or unreachable → CP_ERR_STORE_UNAVAILABLE naming the URI; bad
 * credentials or an unknown database → CP_ERR_STORE_OPEN.
 */
export async function openNeo4jStore(spec: Neo4jStoreSpec): Promise<Neo4jGraphStore> {
  const settings = resolveNeo4jSettings(spec)
  const connection = new Neo4jConnection(await loadNeo4jDriver(), settings, spec.retryMs ?? 5000)
  try {
    await connection.driver.verifyConnectivity(settings.database !== null ? { database: settings.database } : {})
    await connection.runStatements(loadStatements('schema'))
  } catch (error) {
    await connection.close().catch(() => undefined)
    const mapped = toStoreError(error, settings.uri, 'CP_ERR_INTERNAL')
    if (isCrownpathError(mapped, 'CP_ERR_STORE_UNAVAILABLE')) throw mapped
    throw new CrownpathError('CP_ERR_STORE_OPEN', { location: settings.uri, reason: errorText(error) }, { cause: error })
  }
  return new Neo4jGraphStore(connection, spec)
}
