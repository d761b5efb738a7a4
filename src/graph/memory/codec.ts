/**
 * @module graph/memory/codec
 * How snapshot content becomes rows: lists are cut into chunks of at most
 * {@link CHUNK_ROWS} records, each stored as compressed compact JSON, so an
 * M-size organisation never builds one giant string; the inventory is split
 * into its list sections plus a small skeleton, and the edges' evidence items
 * are stored once each, in their own section, for the edges to name.
 */
import { Worker } from 'node:worker_threads'
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants, gunzipSync } from 'node:zlib'
import type { AccessLevel, ConditionRef, EdgeKind, Evidence, GraphEdge, Inventory, NonEmpty } from '../../model/index.js'
import { edgeId, hasComputedId } from '../../model/index.js'

/** Records per chunk: large enough to compress well, small enough to keep strings short. */
export const CHUNK_ROWS = 20_000

/**
 * Brotli at quality 1: on M's snapshot (205 MB of JSON) it took 297 ms and
 * wrote 9.1 MB where gzip level 1, used before, took 607 ms for 11.1 MB, and
 * it decompresses about as fast (one run each, same session). The window is
 * fixed at 2^22 bytes, which makes every stream's first byte end in the bits
 * 1011: never 0x1f, the first byte of gzip, which chunks written before are.
 */
const BROTLI_PARAMS: Readonly<Record<number, number>> = {
  [zlibConstants.BROTLI_PARAM_QUALITY]: 1,
  [zlibConstants.BROTLI_PARAM_LGWIN]: 22,
}

/** Compress one chunk's JSON text. */
export function compressChunk(text: string): Buffer {
  return brotliCompressSync(text, { params: { ...BROTLI_PARAMS, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: text.length } })
}

/** The text of one stored chunk: Brotli, or gzip for chunks written before Brotli. */
export function decompressChunk(data: Buffer | Uint8Array): string {
  const isGzip = data[0] === 0x1f && data[1] === 0x8b
  return (isGzip ? gunzipSync(data) : brotliDecompressSync(data)).toString('utf8')
}

/** One encoded chunk of a section. */
export interface EncodedChunk {
  readonly section: string
  readonly ordinal: number
  readonly rowCount: number
  readonly data: Buffer
}

/** One chunk to encode: where it goes and how to make its JSON. */
export interface ChunkJob {
  readonly section: string
  readonly ordinal: number
  readonly rowCount: number
  /** Called once, when the encoder reaches this job (so only a few JSON texts exist at a time). */
  readonly json: () => string
}

/** Below this many records in all, chunks are compressed on this thread: a worker costs more to start than it saves. */
export const COMPRESS_IN_WORKER_FROM_ROWS = 100_000

/** Chunks handed to the worker and not yet compressed; each holds one chunk's JSON text. */
const COMPRESS_WINDOW = 3

/**
 * The compressing worker: compress each JSON text it is handed, as
 * {@link compressChunk} does. Inline source, so it runs the same from the
 * TypeScript sources and the build.
 */
const COMPRESS_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { brotliCompressSync, constants } = require('node:zlib')
const PARAMS = ${JSON.stringify(BROTLI_PARAMS)}
parentPort.on('message', ({ id, text }) => {
  try {
    const params = { ...PARAMS, [constants.BROTLI_PARAM_SIZE_HINT]: text.length }
    parentPort.postMessage({ id, data: brotliCompressSync(text, { params }), error: null })
  } catch (e) {
    parentPort.postMessage({ id, data: null, error: String(e && e.message ? e.message : e) })
  }
})
`

interface CompressReply {
  readonly id: number
  readonly data: Uint8Array | null
  readonly error: string | null
}

/**
 * Encode chunks in order. Large writes compress in a worker thread while this
 * thread writes the next chunk's JSON (the two cost about the same on an M
 * organisation); small ones compress here. The bytes are the same either way.
 */
export async function encodeChunks(jobs: Iterable<ChunkJob>, options: { readonly inWorker: boolean }): Promise<EncodedChunk[]> {
  if (!options.inWorker) {
    return [...jobs].map((job) => ({ section: job.section, ordinal: job.ordinal, rowCount: job.rowCount, data: compressChunk(job.json()) }))
  }
  const worker = new Worker(COMPRESS_WORKER_SOURCE, { eval: true })
  const queued: { readonly job: ChunkJob; readonly data: Promise<Uint8Array> }[] = []
  const waiting = new Map<number, { readonly resolve: (data: Uint8Array) => void; readonly reject: (error: Error) => void }>()
  let failure: Error | null = null
  let replied: (() => void) | null = null
  const fail = (error: Error): void => {
    failure ??= error
    for (const pending of waiting.values()) pending.reject(error)
    waiting.clear()
    replied?.()
  }
  worker.on('message', (reply: CompressReply) => {
    const pending = waiting.get(reply.id)
    waiting.delete(reply.id)
    if (reply.data !== null) pending?.resolve(reply.data)
    else pending?.reject(new Error(`compressing chunk ${reply.id} failed: ${reply.error ?? 'no data'}`))
    replied?.()
  })
  worker.on('error', fail)
  worker.on('exit', () => fail(new Error('the compressing worker stopped')))
  try {
    for (const job of jobs) {
      const text = job.json()
      // Keep at most a window of texts queued: the worker may be slower than this thread.
      while (waiting.size >= COMPRESS_WINDOW && failure === null) await new Promise<void>((resolve) => (replied = resolve))
      if (failure) throw failure
      const id = queued.length
      const data = new Promise<Uint8Array>((resolve, reject) => waiting.set(id, { resolve, reject }))
      // Observed here, awaited below: a failure before its turn must not count as unhandled.
      data.catch(() => undefined)
      queued.push({ job, data })
      worker.postMessage({ id, text })
    }
    const out: EncodedChunk[] = []
    for (const { job, data } of queued) {
      const bytes = await data
      out.push({ section: job.section, ordinal: job.ordinal, rowCount: job.rowCount, data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    }
    return out
  } finally {
    worker.removeAllListeners('exit')
    await worker.terminate()
  }
}

/** The jobs for one list: its chunks in order, each encoded as compact JSON of the (possibly transformed) rows. */
export function* listJobs<T>(section: string, rows: readonly T[], size = CHUNK_ROWS, transform: (chunk: readonly T[], start: number) => unknown = (chunk) => chunk): Generator<ChunkJob> {
  let ordinal = 0
  for (const chunk of chunkRows(rows, size)) {
    const start = ordinal * size
    yield { section, ordinal, rowCount: chunk.length, json: () => JSON.stringify(transform(chunk, start)) }
    ordinal += 1
  }
}

/** Decode one chunk of records. */
export function decodeChunk<T>(data: Buffer | Uint8Array): T[] {
  return JSON.parse(decompressChunk(data)) as T[]
}

/** Cut a list into chunks lazily (each chunk is encoded only when the writer asks for it). */
export function* chunkRows<T>(rows: readonly T[], size = CHUNK_ROWS): Generator<readonly T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size)
}

/** Decode a single value (the inventory skeleton): one compressed JSON text. */
export function decodeValue<T>(data: Buffer | Uint8Array): T {
  return JSON.parse(decompressChunk(data)) as T
}

/** Section name prefix for the inventory's list sections (`inventory:aws.roles`). */
export const INVENTORY_LIST_PREFIX = 'inventory:'

/** The inventory split for storage: a skeleton with every list emptied, plus the lists by path. */
export interface SplitInventory {
  readonly skeleton: Record<string, unknown>
  readonly lists: ReadonlyMap<string, readonly unknown[]>
}

/**
 * Split an inventory into a skeleton and its lists. Lists sit at the top
 * level (`sources`, `leaks`, `issues`) and one level down (`aws.roles`,
 * `azure.users`); those are the ones that grow with the organisation.
 */
export function splitInventory(inventory: Inventory): SplitInventory {
  const lists = new Map<string, readonly unknown[]>()
  const skeleton: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(inventory)) {
    if (Array.isArray(value)) {
      lists.set(key, value)
      skeleton[key] = []
    } else if (value !== null && typeof value === 'object') {
      const section: Record<string, unknown> = {}
      for (const [child, childValue] of Object.entries(value as Record<string, unknown>)) {
        if (Array.isArray(childValue)) {
          lists.set(`${key}.${child}`, childValue)
          section[child] = []
        } else section[child] = childValue
      }
      skeleton[key] = section
    } else skeleton[key] = value
  }
  return { skeleton, lists }
}

/** Rebuild an inventory from its skeleton and lists (the inverse of {@link splitInventory}). */
export function joinInventory(skeleton: Record<string, unknown>, lists: ReadonlyMap<string, readonly unknown[]>): Inventory {
  const out: Record<string, unknown> = { ...skeleton }
  for (const [path, rows] of lists) {
    const dot = path.indexOf('.')
    if (dot < 0) out[path] = rows
    else {
      const key = path.slice(0, dot)
      const section = { ...(out[key] as Record<string, unknown> | undefined) }
      section[path.slice(dot + 1)] = rows
      out[key] = section
    }
  }
  return out as unknown as Inventory
}

/**
 * The evidence items of a snapshot's edges, each once, in first-seen order
 * (stored as the `evidence` section), and what each edge stores in their
 * place. Derivation shares one item among the edges a grant explains (M:
 * 439 k items on 302 k edges are 264 k objects), so items are told apart by
 * identity; equal items built apart are stored apart, which costs only space.
 */
export interface EvidenceTable {
  readonly items: readonly Evidence[]
  /** Per edge, in the order of the list the table was made from: its item's position, or its items' positions. */
  readonly ofEdge: readonly (number | readonly number[])[]
}

/** The evidence table of a snapshot's edges: one pass, so packing looks nothing up again. */
export function evidenceTable(edges: readonly GraphEdge[]): EvidenceTable {
  const items: Evidence[] = []
  const positions = new Map<Evidence, number>()
  const positionOf = (item: Evidence): number => {
    let position = positions.get(item)
    if (position === undefined) positions.set(item, (position = items.push(item) - 1))
    return position
  }
  // Most edges have one item: its position alone, without an array.
  const ofEdge = edges.map((edge) => (edge.evidence.length === 1 ? positionOf(edge.evidence[0]) : edge.evidence.map(positionOf)))
  return { items, ofEdge }
}

/**
 * A stored edge: `[from, to, kind, technique, evidence, conditions, cost, accessLevels, conditional, id?]`.
 * Endpoints are indexes into the snapshot's node list when the node exists (a
 * number), else the id itself; `id` is stored only when it differs from the
 * one {@link edgeId} computes. This drops the longest strings of every edge
 * (its id and both endpoint ids), which is most of the size and parse time.
 * `evidence` is a position in the snapshot's evidence section (one item) or a
 * list of them; snapshots written before that section hold the items themselves.
 */
export type StoredEdge = readonly [
  from: number | string,
  to: number | string,
  kind: EdgeKind,
  technique: string | null,
  evidence: number | readonly number[] | NonEmpty<Evidence>,
  conditions: readonly ConditionRef[],
  cost: number,
  accessLevels: readonly AccessLevel[],
  conditional: boolean,
  id?: string,
]

/**
 * Encode edges for storage against the node positions and the evidence table
 * of the same snapshot; `edges` starts at position `start` of the list the
 * table was made from (a chunk of it).
 */
export function packEdges(edges: readonly GraphEdge[], nodeIndex: ReadonlyMap<string, number>, evidence: EvidenceTable, start = 0): StoredEdge[] {
  return edges.map((e, i) => {
    const stored = evidence.ofEdge[start + i]
    if (stored === undefined) throw new Error(`edge ${start + i} is not in the evidence table (${evidence.ofEdge.length} edges)`)
    const row: StoredEdge = [
      nodeIndex.get(e.from) ?? e.from,
      nodeIndex.get(e.to) ?? e.to,
      e.kind,
      e.technique,
      stored,
      e.conditions,
      e.cost,
      e.accessLevels,
      e.conditional,
    ]
    return hasComputedId(e) || e.id === edgeId(e.from, e.kind, e.technique, e.to) ? row : ([...row, e.id] as unknown as StoredEdge)
  })
}

/** The evidence of a stored edge: its items, looked up by position when stored so. */
function storedEvidence(stored: StoredEdge[4], items: readonly Evidence[]): NonEmpty<Evidence> {
  if (typeof stored === 'number') return [itemAt(items, stored)]
  if (typeof stored[0] !== 'number') return stored as NonEmpty<Evidence>
  return (stored as readonly number[]).map((position) => itemAt(items, position)) as unknown as NonEmpty<Evidence>
}

function itemAt(items: readonly Evidence[], position: number): Evidence {
  const item = items[position]
  if (item === undefined) throw new Error(`evidence position ${position} is not in the snapshot's evidence section (${items.length} items)`)
  return item
}

/** Decode stored edges; `nodeIds` are the snapshot's node ids in stored order, `evidence` its evidence section. */
export function unpackEdges(rows: readonly StoredEdge[], nodeIds: readonly string[], evidence: readonly Evidence[], out: GraphEdge[]): void {
  for (const row of rows) {
    const from = typeof row[0] === 'number' ? (nodeIds[row[0]] as string) : row[0]
    const to = typeof row[1] === 'number' ? (nodeIds[row[1]] as string) : row[1]
    out.push({
      id: row[9] ?? edgeId(from, row[2], row[3], to),
      from,
      to,
      kind: row[2],
      technique: row[3],
      evidence: storedEvidence(row[4], evidence),
      conditions: row[5],
      conditional: row[8],
      cost: row[6],
      accessLevels: row[7],
    })
  }
}
