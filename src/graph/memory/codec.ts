/**
 * @module graph/memory/codec
 * How snapshot content becomes rows: lists are cut into chunks of at most
 * {@link CHUNK_ROWS} records, each stored as compressed compact JSON, so an
 * M-size organisation never builds one giant string; the inventory is split
 * into its list sections plus a small skeleton.
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
export function* listJobs<T>(section: string, rows: readonly T[], size = CHUNK_ROWS, transform: (chunk: readonly T[]) => unknown = (chunk) => chunk): Generator<ChunkJob> {
  let ordinal = 0
  for (const chunk of chunkRows(rows, size)) {
    yield { section, ordinal, rowCount: chunk.length, json: () => JSON.stringify(transform(chunk)) }
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
 * A stored edge: `[from, to, kind, technique, evidence, conditions, cost, accessLevels, conditional, id?]`.
 * Endpoints are indexes into the snapshot's node list when the node exists (a
 * number), else the id itself; `id` is stored only when it differs from the
 * one {@link edgeId} computes. This drops the longest strings of every edge
 * (its id and both endpoint ids), which is most of the size and parse time.
 */
export type StoredEdge = readonly [
  from: number | string,
  to: number | string,
  kind: EdgeKind,
  technique: string | null,
  evidence: NonEmpty<Evidence>,
  conditions: readonly ConditionRef[],
  cost: number,
  accessLevels: readonly AccessLevel[],
  conditional: boolean,
  id?: string,
]

/** Encode edges for storage against the node positions of the same snapshot. */
export function packEdges(edges: readonly GraphEdge[], nodeIndex: ReadonlyMap<string, number>): StoredEdge[] {
  return edges.map((e) => {
    const row: StoredEdge = [
      nodeIndex.get(e.from) ?? e.from,
      nodeIndex.get(e.to) ?? e.to,
      e.kind,
      e.technique,
      e.evidence,
      e.conditions,
      e.cost,
      e.accessLevels,
      e.conditional,
    ]
    return hasComputedId(e) || e.id === edgeId(e.from, e.kind, e.technique, e.to) ? row : ([...row, e.id] as unknown as StoredEdge)
  })
}

/** Decode stored edges; `nodeIds` are the snapshot's node ids in stored order. */
export function unpackEdges(rows: readonly StoredEdge[], nodeIds: readonly string[], out: GraphEdge[]): void {
  for (const row of rows) {
    const from = typeof row[0] === 'number' ? (nodeIds[row[0]] as string) : row[0]
    const to = typeof row[1] === 'number' ? (nodeIds[row[1]] as string) : row[1]
    out.push({
      id: row[9] ?? edgeId(from, row[2], row[3], to),
      from,
      to,
      kind: row[2],
      technique: row[3],
      evidence: row[4],
      conditions: row[5],
      conditional: row[8],
      cost: row[6],
      accessLevels: row[7],
    })
  }
}
