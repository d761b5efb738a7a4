/**
 * @module graph/memory/sqlite-store
 * The embedded GraphStore: snapshots persisted in one SQLite file
 * (better-sqlite3), read back whole into memory and queried there. Each
 * snapshot is one `snapshots` row plus compressed JSON chunks in `chunks`, all
 * written in one transaction.
 */
import Database from 'better-sqlite3'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import type { DataIssue, Evidence, GraphEdge, GraphNode, Inventory } from '../../model/index.js'
import { CrownpathError, assertNoSecrets, canonicalNodeRef, isCrownpathError } from '../../model/index.js'
import type { GraphStore, NodePage, NodeQuery, SnapshotContent, SnapshotInput, SnapshotMeta, SnapshotRef } from '../store.js'
import { buildSnapshotMeta } from '../store.js'
import {
  COMPRESS_IN_WORKER_FROM_ROWS,
  INVENTORY_LIST_PREFIX,
  decodeChunk,
  decodeValue,
  encodeChunks,
  evidenceTable,
  joinInventory,
  listJobs,
  packEdges,
  splitInventory,
  unpackEdges,
} from './codec.js'
import type { StoredEdge } from './codec.js'
import { makeSnapshotId, matchSnapshotRef } from './snapshot-id.js'

/**
 * Bumped when the layout of the tables or of the chunks changes, so that an
 * older crownpath refuses a file it would misread (it reads up to its own
 * version); this one reads every earlier layout.
 * 1: the tables. 2: edges name their evidence items in the `evidence` section.
 */
export const SCHEMA_VERSION = 2

/** Where a chunk write happened, given to the test hook. */
export interface ChunkWrittenInfo {
  readonly snapshotId: string
  readonly section: string
  readonly ordinal: number
}

/** Options of the memory store. */
export interface MemoryStoreOptions {
  /** SQLite file; created when missing (its directory must exist). `:memory:` works for tests. */
  readonly path: string
  /** Open without writing (no schema creation, writes refused by SQLite). */
  readonly readonly?: boolean
  /** Records per stored chunk (default 20 000); tests lower it to get many chunks. */
  readonly chunkRows?: number
  /**
   * Test hook called inside the write transaction after each chunk is
   * inserted. Throwing from it aborts the write, which must then leave no trace.
   */
  readonly onChunkWritten?: (info: ChunkWrittenInfo) => void
  /** How many fully loaded snapshots to keep in memory (default 1: an M-size snapshot is hundreds of MB). */
  readonly cacheSize?: number
}

/** A snapshot read into memory, with the indexes node lookups need. */
interface LoadedSnapshot {
  readonly content: SnapshotContent
  readonly byId: ReadonlyMap<string, GraphNode>
  /** Nodes sorted by id, built on first listing (the listing order is by id, like the Neo4j store). */
  sorted: readonly GraphNode[] | null
}

/** Row shape of the `snapshots` table. */
interface SnapshotRow {
  readonly seq: number
  readonly meta: string
}

/** Row shape of the `chunks` table when read. */
interface ChunkRow {
  readonly section: string
  readonly data: Buffer
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  meta TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
  snapshot_seq INTEGER NOT NULL,
  section TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  row_count INTEGER NOT NULL,
  data BLOB NOT NULL,
  UNIQUE (snapshot_seq, section, ordinal)
);
`

/**
 * The memory GraphStore. Queries run over the snapshot loaded in memory; the
 * SQLite file is the durable copy.
 *
 * INVARIANT (snapshot-immutable): rows of a snapshot are written once, in the
 * same transaction as its `snapshots` row, and never updated; so a cached
 * snapshot can never go stale, and a reader sees a snapshot whole or not at all.
 */
export class MemoryGraphStore implements GraphStore {
  readonly location: string
  readonly #db: SqliteDatabase
  readonly #options: MemoryStoreOptions
  readonly #cache = new Map<string, LoadedSnapshot>()

  /** Use {@link openMemoryStore}. */
  constructor(db: SqliteDatabase, options: MemoryStoreOptions) {
    this.#db = db
    this.#options = options
    this.location = options.path
  }

  async writeSnapshot(input: SnapshotInput): Promise<SnapshotMeta> {
    // Checked before anything touches the file: a refused snapshot writes nothing.
    assertNoSecrets(input.inventory, '$.inventory')
    assertNoSecrets(input.nodes, '$.nodes')
    const createdAt = input.createdAt ?? new Date()
    const meta = buildSnapshotMeta(makeSnapshotId(createdAt), createdAt, input)
    const size = this.#options.chunkRows ?? undefined
    const hook = this.#options.onChunkWritten
    const insertSnapshot = this.#db.prepare('INSERT INTO snapshots (id, created_at, meta) VALUES (?, ?, ?)')
    const insertChunk = this.#db.prepare('INSERT INTO chunks (snapshot_seq, section, ordinal, row_count, data) VALUES (?, ?, ?, ?, ?)')

    // Every chunk is encoded before the transaction opens (a large write compresses in a worker
    // thread while this one writes the next chunk's JSON); the transaction only inserts bytes.
    const nodeIndex = new Map<string, number>()
    input.nodes.forEach((node, i) => nodeIndex.set(node.id, i))
    const evidence = evidenceTable(input.edges)
    const { skeleton, lists } = splitInventory(input.inventory)
    const chunks = await encodeChunks(
      (function* () {
        yield* listJobs('nodes', input.nodes, size)
        yield* listJobs('evidence', evidence.items, size)
        // Packed per chunk so the compact rows of only one chunk exist at a time.
        yield* listJobs('edges', input.edges, size, (chunk, start) => packEdges(chunk, nodeIndex, evidence, start))
        yield* listJobs('issues', input.issues, size)
        yield { section: 'inventory', ordinal: 0, rowCount: 1, json: () => JSON.stringify(skeleton) }
        for (const [path, rows] of lists) yield* listJobs(`${INVENTORY_LIST_PREFIX}${path}`, rows, size)
      })(),
      { inWorker: input.nodes.length + input.edges.length >= COMPRESS_IN_WORKER_FROM_ROWS },
    )

    const write = this.#db.transaction(() => {
      const seq = Number(insertSnapshot.run(meta.id, meta.createdAt, JSON.stringify(meta)).lastInsertRowid)
      for (const chunk of chunks) {
        insertChunk.run(seq, chunk.section, chunk.ordinal, chunk.rowCount, chunk.data)
        hook?.({ snapshotId: meta.id, section: chunk.section, ordinal: chunk.ordinal })
      }
    })

    try {
      // INVARIANT (snapshot-immutable): everything above commits together or not at all.
      write.immediate()
    } catch (error) {
      if (isCrownpathError(error)) throw error
      throw new CrownpathError('CP_ERR_SNAPSHOT_WRITE', { reason: errorText(error) }, { cause: error })
    }
    return meta
  }

  async listSnapshots(): Promise<readonly SnapshotMeta[]> {
    return this.#listSync()
  }

  async resolveSnapshot(ref: SnapshotRef): Promise<SnapshotMeta> {
    return this.#resolveSync(ref)
  }

  async deleteSnapshot(ref: SnapshotRef): Promise<SnapshotMeta> {
    const meta = this.#resolveSync(ref)
    const remove = this.#db.transaction((id: string) => {
      const row = this.#db.prepare('SELECT seq FROM snapshots WHERE id = ?').get(id) as { seq: number } | undefined
      if (!row) return
      this.#db.prepare('DELETE FROM chunks WHERE snapshot_seq = ?').run(row.seq)
      this.#db.prepare('DELETE FROM snapshots WHERE seq = ?').run(row.seq)
    })
    remove.immediate(meta.id)
    this.#cache.delete(meta.id)
    return meta
  }

  async readSnapshot(ref: SnapshotRef): Promise<SnapshotContent> {
    return this.#load(ref).content
  }

  async readInventory(ref: SnapshotRef): Promise<Inventory> {
    const seq = this.#seqOf(this.#resolveSync(ref).id)
    const rows = this.#db
      .prepare("SELECT section, data FROM chunks WHERE snapshot_seq = ? AND (section = 'inventory' OR section LIKE 'inventory:%') ORDER BY section, ordinal")
      .all(seq) as ChunkRow[]
    let skeleton: Record<string, unknown> = {}
    const lists = new Map<string, unknown[]>()
    for (const row of rows) {
      if (row.section === 'inventory') {
        skeleton = decodeValue<Record<string, unknown>>(row.data)
        continue
      }
      const path = row.section.slice(INVENTORY_LIST_PREFIX.length)
      const list = lists.get(path) ?? []
      appendAll(list, decodeChunk(row.data))
      lists.set(path, list)
    }
    return joinInventory(skeleton, lists)
  }

  async listNodes(ref: SnapshotRef, query: NodeQuery): Promise<NodePage> {
    const loaded = this.#load(ref)
    loaded.sorted ??= [...loaded.content.nodes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const search = query.search?.toLowerCase()
    const matching = loaded.sorted.filter(
      (node) =>
        (query.kind === undefined || node.kind === query.kind) &&
        (query.provider === undefined || node.provider === query.provider) &&
        (query.isTierZero === undefined || node.isTierZero === query.isTierZero) &&
        (search === undefined || node.id.toLowerCase().includes(search) || node.name.toLowerCase().includes(search)),
    )
    return { total: matching.length, nodes: matching.slice(query.offset, query.offset + query.limit) }
  }

  async getNode(ref: SnapshotRef, id: string): Promise<GraphNode | null> {
    const loaded = this.#load(ref)
    for (const candidate of canonicalNodeRef(id)) {
      const node = loaded.byId.get(candidate)
      if (node) return node
    }
    return null
  }

  async close(): Promise<void> {
    this.#cache.clear()
    if (this.#db.open) this.#db.close()
  }

  #listSync(): SnapshotMeta[] {
    // Newest first by creation time; insertion order breaks ties within a millisecond.
    const rows = this.#db.prepare('SELECT seq, meta FROM snapshots ORDER BY created_at DESC, seq DESC').all() as SnapshotRow[]
    return rows.map((row) => JSON.parse(row.meta) as SnapshotMeta)
  }

  #resolveSync(ref: SnapshotRef): SnapshotMeta {
    return matchSnapshotRef(this.#listSync(), ref)
  }

  #seqOf(id: string): number {
    const row = this.#db.prepare('SELECT seq FROM snapshots WHERE id = ?').get(id) as { seq: number } | undefined
    if (!row) throw new CrownpathError('CP_ERR_SNAPSHOT_NOT_FOUND', { ref: id })
    return row.seq
  }

  /** Load a whole snapshot (nodes, edges, issues) into memory, or return the cached copy. */
  #load(ref: SnapshotRef): LoadedSnapshot {
    const meta = this.#resolveSync(ref)
    const cached = this.#cache.get(meta.id)
    if (cached) {
      // Refresh recency: Map iteration order is insertion order.
      this.#cache.delete(meta.id)
      this.#cache.set(meta.id, cached)
      return cached
    }
    const seq = this.#seqOf(meta.id)
    const chunksOf = (section: string): ChunkRow[] =>
      this.#db
        .prepare('SELECT section, data FROM chunks WHERE snapshot_seq = ? AND section = ? ORDER BY ordinal')
        .all(seq, section) as ChunkRow[]
    const read = <T>(section: string): T[] => {
      const out: T[] = []
      for (const row of chunksOf(section)) appendAll(out, decodeChunk<T>(row.data))
      return out
    }
    const nodes = read<GraphNode>('nodes')
    const nodeIds = nodes.map((node) => node.id)
    // Empty in snapshots written before the section existed: their edges hold their items.
    const evidence = read<Evidence>('evidence')
    const edges: GraphEdge[] = []
    for (const row of chunksOf('edges')) unpackEdges(decodeChunk<StoredEdge>(row.data), nodeIds, evidence, edges)
    const issues = read<DataIssue>('issues')
    const byId = new Map<string, GraphNode>()
    for (const node of nodes) byId.set(node.id, node)
    const loaded: LoadedSnapshot = { content: { meta, nodes, edges, issues }, byId, sorted: null }
    this.#cache.set(meta.id, loaded)
    const limit = Math.max(1, this.#options.cacheSize ?? 1)
    for (const key of this.#cache.keys()) {
      if (this.#cache.size <= limit) break
      this.#cache.delete(key)
    }
    return loaded
  }
}

/** Push without spreading (spreading 20 000 arguments risks the call-stack limit). */
function appendAll<T>(target: T[], rows: readonly T[]): void {
  for (const row of rows) target.push(row)
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}


/**
 * Open (creating when needed) a memory store on a SQLite file.
 * Throws CP_ERR_STORE_OPEN when the file cannot be opened or has a newer layout.
 */
export function openMemoryStore(options: MemoryStoreOptions): MemoryGraphStore {
  let db: SqliteDatabase
  try {
    db = new Database(options.path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false })
  } catch (error) {
    throw new CrownpathError('CP_ERR_STORE_OPEN', { location: options.path, reason: errorText(error) }, { cause: error })
  }
  try {
    if (!options.readonly) {
      // WAL: readers (the API) keep reading the committed snapshots while an ingest writes.
      // https://www.sqlite.org/wal.html
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
    }
    const version = Number(db.pragma('user_version', { simple: true }))
    if (version > SCHEMA_VERSION) {
      throw new Error(`the file has layout version ${version}, this crownpath reads up to ${SCHEMA_VERSION}`)
    }
    if (!options.readonly && version < SCHEMA_VERSION) {
      db.exec(SCHEMA)
      db.pragma(`user_version = ${SCHEMA_VERSION}`)
    }
  } catch (error) {
    db.close()
    throw new CrownpathError('CP_ERR_STORE_OPEN', { location: options.path, reason: errorText(error) }, { cause: error })
  }
  return new MemoryGraphStore(db, options)
}
