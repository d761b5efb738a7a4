import { brotliDecompressSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { ChunkJob } from '../../../src/graph/memory/codec.js'
import { compressChunk, decodeChunk, decodeValue, encodeChunks, listJobs, packEdges, unpackEdges } from '../../../src/graph/memory/codec.js'
import type { GraphEdge } from '../../../src/model/index.js'
import { makeEdge } from '../../../src/model/index.js'

const edge = makeEdge({
  from: 'arn:aws:iam::111111111111:user/alice',
  to: 'arn:aws:iam::111111111111:role/admin',
  kind: 'CanAssume',
  technique: 'aws/sts-assume-role',
  evidence: [{ type: 'trust-policy', policy: 'arn:aws:iam::111111111111:role/admin#trust', statement: 0 }],
})
const nodeIndex = new Map([[edge.from, 0], [edge.to, 1]])
const nodeIds = [edge.from, edge.to]

describe('stored edges', () => {
  it('leave out an id that equals the computed one', () => {
    const [row] = packEdges([edge], nodeIndex)
    expect(row).toHaveLength(9)
    const out: GraphEdge[] = []
    unpackEdges([row!], nodeIds, out)
    expect(out).toEqual([edge])
  })

  // Each part of the id changed in turn, plus ids that only differ in a separator or a length:
  // every one must be kept, or the edge comes back under a different id.
  const differing = [
    `${edge.id}x`,
    `x${edge.id}`,
    edge.id.replace('|CanAssume|', '|CanAssumf|'),
    edge.id.replace('|aws/sts-assume-role|', '|aws/sts-assume-rolf|'),
    edge.id.replace('|aws/sts-assume-role|', '|-|'),
    edge.id.replace('user/alice|', 'user/alice/'),
    edge.id.replace('role/admin', 'role/admix'),
    edge.id.replace('user/alice', 'user/alicf'),
    'arn:aws:iam::111111111111:user/alice|CanAssume|aws/sts-assume-role|arn:aws:iam::111111111111:role/admin|',
    // Every part in place and the right end, only longer: caught by the length alone.
    `${edge.from}|CanAssume|aws/sts-assume-role|zz${edge.to}`,
  ]
  for (const id of differing) {
    it(`keep an id that differs from the computed one: ${id.slice(-40)}`, () => {
      const changed = { ...edge, id }
      const [row] = packEdges([changed], nodeIndex)
      expect(row).toHaveLength(10)
      const out: GraphEdge[] = []
      unpackEdges([row!], nodeIds, out)
      expect(out[0]!.id).toBe(id)
    })
  }

  it('computes the id of an edge without a technique with `-` in its place', () => {
    const structural = makeEdge({ from: edge.from, to: edge.to, kind: 'MemberOf', evidence: edge.evidence })
    expect(packEdges([structural], nodeIndex)[0]).toHaveLength(9)
    expect(packEdges([{ ...structural, id: structural.id.replace('|-|', '||') }], nodeIndex)[0]).toHaveLength(10)
  })
})

describe('chunk encoding', () => {
  const rows = Array.from({ length: 2_500 }, (_, i) => ({ id: `arn:aws:s3:::bucket-${i}`, note: 'é ünïcode ✓ '.repeat(i % 7), n: i }))
  const jobs = (): ChunkJob[] => [...listJobs('nodes', rows, 300), ...listJobs('issues', rows.slice(0, 10), 300)]

  it('gives the same bytes whether a worker compresses or this thread does', async () => {
    const here = await encodeChunks(jobs(), { inWorker: false })
    const there = await encodeChunks(jobs(), { inWorker: true })
    expect(here.map((c) => [c.section, c.ordinal, c.rowCount])).toEqual([...Array.from({ length: 9 }, (_, i) => ['nodes', i, i < 8 ? 300 : 100]), ['issues', 0, 10]])
    expect(there.map((c) => [c.section, c.ordinal, c.rowCount])).toEqual(here.map((c) => [c.section, c.ordinal, c.rowCount]))
    there.forEach((chunk, i) => expect(chunk.data.equals(here[i]!.data)).toBe(true))
    expect(there.filter((c) => c.section === 'nodes').flatMap((c) => decodeChunk(c.data))).toEqual(rows)
  })

  it('reads chunks written with gzip before Brotli, and never takes a Brotli chunk for gzip', () => {
    const text = JSON.stringify(rows.slice(0, 50))
    expect(decodeChunk(gzipSync(text, { level: 1 }))).toEqual(rows.slice(0, 50))
    expect(decodeValue(gzipSync('{"aws":{"users":[]}}'))).toEqual({ aws: { users: [] } })
    // gzip streams start 0x1f 0x8b; Brotli's first byte holds the fixed window (2^22): low bits 1011.
    for (const sample of [text, '', '[]', 'x'.repeat(100_000), JSON.stringify(rows)]) {
      const chunk = compressChunk(sample)
      expect(chunk[0]! & 0x0f).toBe(0x0b)
      expect(chunk[0]).not.toBe(0x1f)
      expect(brotliDecompressSync(chunk).toString('utf8')).toBe(sample)
    }
  })

  it('rejects with the error of a chunk whose JSON cannot be written', async () => {
    const failing = [...jobs().slice(0, 5), { section: 'edges', ordinal: 0, rowCount: 1, json: () => { throw new Error('cannot write this chunk') } }]
    await expect(encodeChunks(failing, { inWorker: true })).rejects.toThrow('cannot write this chunk')
  })
})
