import { brotliDecompressSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { ChunkJob } from '../../../src/graph/memory/codec.js'
import { compressChunk, decodeChunk, decodeValue, encodeChunks, evidenceTable, listJobs, packEdges, unpackEdges } from '../../../src/graph/memory/codec.js'
import type { Evidence, GraphEdge } from '../../../src/model/index.js'
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
const table = evidenceTable([edge])

describe('stored edges', () => {
  it('leave out an id that equals the computed one', () => {
    const [row] = packEdges([edge], nodeIndex, table)
    expect(row).toHaveLength(9)
    const out: GraphEdge[] = []
    unpackEdges([row!], nodeIds, table.items, out)
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
      const [row] = packEdges([changed], nodeIndex, table)
      expect(row).toHaveLength(10)
      const out: GraphEdge[] = []
      unpackEdges([row!], nodeIds, table.items, out)
      expect(out[0]!.id).toBe(id)
    })
  }

  it('computes the id of an edge without a technique with `-` in its place', () => {
    const structural = makeEdge({ from: edge.from, to: edge.to, kind: 'MemberOf', evidence: edge.evidence })
    expect(packEdges([structural], nodeIndex, table)[0]).toHaveLength(9)
    expect(packEdges([{ ...structural, id: structural.id.replace('|-|', '||') }], nodeIndex, table)[0]).toHaveLength(10)
  })
})

describe('stored evidence', () => {
  const shared: Evidence = { type: 'identity-policy', policy: 'arn:aws:iam::111111111111:policy/ops', statement: 0, action: 'lambda:UpdateFunctionCode', resource: '*' }
  const own: Evidence = { type: 'inventory', policy: 'aws:scope:111111111111:lambda', statement: null, note: 'the grant covers the function' }
  const other = makeEdge({ from: edge.to, to: edge.from, kind: 'CanControl', technique: 'aws/resource-hijack/lambda-update-code', evidence: [shared, own] })
  const third = makeEdge({ from: edge.from, to: edge.from, kind: 'CanControl', technique: 'aws/resource-hijack/lambda-update-code', evidence: [shared] })

  it('keeps each item once, by identity, in first-seen order', () => {
    const equalCopy = { ...shared }
    const copied = makeEdge({ from: edge.from, to: edge.to, kind: 'CanControl', technique: 'aws/x', evidence: [equalCopy] })
    const t = evidenceTable([edge, other, third, copied])
    expect(t.items).toEqual([edge.evidence[0], shared, own, equalCopy])
    expect(t.items[1]).toBe(shared)
    expect(t.items[3]).toBe(equalCopy)
  })

  it('stores one position for one item, a list for several, and reads back the same edges sharing one object per item', () => {
    const t = evidenceTable([edge, other, third])
    expect(t.ofEdge).toEqual([0, [1, 2], 1])
    const rows = packEdges([edge, other, third], nodeIndex, t)
    expect(rows.map((r) => r[4])).toEqual([0, [1, 2], 1])
    const stored = JSON.parse(JSON.stringify({ rows, items: t.items })) as { rows: typeof rows; items: Evidence[] }
    const out: GraphEdge[] = []
    unpackEdges(stored.rows, nodeIds, stored.items, out)
    expect(out).toEqual([edge, other, third])
    expect(out[1]!.evidence[0]).toBe(out[2]!.evidence[0])
  })

  it('packs a chunk against its place in the whole list', () => {
    const t = evidenceTable([edge, other, third])
    expect(packEdges([other, third], nodeIndex, t, 1).map((r) => r[4])).toEqual([[1, 2], 1])
    expect(() => packEdges([other, third], nodeIndex, t, 2)).toThrow(/edge 3 is not in the evidence table \(3 edges\)/)
  })

  it('reads edges written before the evidence section, which hold their items', () => {
    const [row] = packEdges([other], nodeIndex, evidenceTable([other]))
    const before = [...row!]
    before[4] = other.evidence
    const out: GraphEdge[] = []
    unpackEdges([before as unknown as typeof row & object], nodeIds, [], out)
    expect(out).toEqual([other])
  })

  it('refuses a position outside the evidence section', () => {
    const rows = packEdges([third, other], nodeIndex, evidenceTable([third, other]))
    expect(() => unpackEdges(rows.slice(0, 1), nodeIds, [], [])).toThrow(/evidence position 0 is not in the snapshot's evidence section \(0 items\)/)
    expect(() => unpackEdges(rows.slice(1), nodeIds, [shared], [])).toThrow(/evidence position 1 is not in the snapshot's evidence section \(1 items\)/)
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
