import { describe, expect, it } from 'vitest'
import { diffSnapshots } from '../../src/graph/index.js'
import type { SnapshotContent } from '../../src/graph/index.js'
import { makeNode } from '../../src/model/index.js'
import { sampleSnapshot } from './memory/sample.js'

function content(id: string, input: ReturnType<typeof sampleSnapshot>): SnapshotContent {
  const meta = { id, createdAt: '', label: null, nodeCount: 0, edgeCount: 0, issueCount: 0, sources: [], kinds: {} }
  return { meta, nodes: input.nodes, edges: input.edges, issues: input.issues }
}

describe('diffSnapshots', () => {
  it('reports added and removed nodes and edges by id, and tier-zero changes', () => {
    const before = sampleSnapshot(4) // role-0..3, edges 0→1, 1→2, 2→3
    const after = sampleSnapshot(5) // adds role-4 and edge 3→4
    const nodes = after.nodes.filter((n) => n.name !== 'role-0')
    const promoted = makeNode({ id: 'arn:aws:iam::111111111111:role/role-1', kind: 'AWSRole', name: 'role-1', isTierZero: true, properties: { accountId: '111111111111' } })
    const diff = diffSnapshots(
      content('a', before),
      content('b', { ...after, nodes: nodes.map((n) => (n.id === promoted.id ? promoted : n)), edges: after.edges.slice(1) }),
    )
    expect(diff.from).toBe('a')
    expect(diff.to).toBe('b')
    expect(diff.addedNodes.map((n) => n.name)).toEqual(['role-4'])
    expect(diff.removedNodes.map((n) => n.name)).toEqual(['role-0'])
    expect(diff.addedEdges.map((e) => e.to)).toEqual(['arn:aws:iam::111111111111:role/role-4'])
    expect(diff.removedEdges.map((e) => e.from)).toEqual(['arn:aws:iam::111111111111:role/role-0'])
    expect(diff.newTierZero.map((n) => n.name)).toEqual(['role-1'])
    expect(diff.removedTierZero).toEqual([])
    const back = diffSnapshots(content('b', { ...after, nodes: [promoted], edges: [] }), content('a', { ...before, nodes: [], edges: [] }))
    expect(back.removedTierZero.map((n) => n.name)).toEqual(['role-1'])
  })

  it('is empty for identical snapshots', () => {
    const same = content('a', sampleSnapshot(3))
    const diff = diffSnapshots(same, same)
    expect([diff.addedNodes, diff.removedNodes, diff.addedEdges, diff.removedEdges, diff.newTierZero, diff.removedTierZero].every((l) => l.length === 0)).toBe(true)
  })
})
