import { describe, expect, it } from 'vitest'
import { derivationDigest } from '../../bench/derive-digest.js'
import type { Evidence, NonEmpty } from '../../src/model/index.js'
import { makeEdge, makeNode } from '../../src/model/index.js'

const evidence: NonEmpty<Evidence> = [{ type: 'inventory', policy: 'p', statement: null, note: 'n' }]
const nodes = ['a', 'b', 'c'].map((id) => makeNode({ id, kind: 'AWSRole', name: id, properties: { accountId: '111111111111' } }))
const ab = makeEdge({ from: 'a', to: 'b', kind: 'CanAssume', evidence })
const bc = makeEdge({ from: 'b', to: 'c', kind: 'CanAssume', evidence })

describe('derivationDigest', () => {
  it('is the same for the same graph, whether an edge stores its id or computes it', () => {
    // A computed id comes last among an edge's keys, a stored one (spread copy) keeps its place.
    expect(Object.keys(ab).at(-1)).toBe('id')
    expect(derivationDigest({ nodes, edges: [ab, bc], issues: [] })).toBe(derivationDigest({ nodes, edges: [{ ...ab }, { ...bc }], issues: [] }))
  })

  it('changes with the order of the edges, any field of an edge, and the issues', () => {
    const base = derivationDigest({ nodes, edges: [ab, bc], issues: [] })
    expect(derivationDigest({ nodes, edges: [bc, ab], issues: [] })).not.toBe(base)
    expect(derivationDigest({ nodes, edges: [ab, { ...bc, cost: bc.cost + 1 }], issues: [] })).not.toBe(base)
    expect(derivationDigest({ nodes, edges: [ab, bc], issues: [{ severity: 'warning', where: 'x', message: 'y' }] })).not.toBe(base)
  })
})
